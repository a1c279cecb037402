import type { ConfigProblem } from '@switchboard/core';
import * as v from 'valibot';

/** The parts of a valibot schema object the key walker reads. */
type SchemaNode = { type?: string; entries?: Record<string, SchemaNode>; wrapped?: SchemaNode; item?: SchemaNode };

/** Keys whose values are never repeated in a problem. */
const sensitiveKeys = new Set(['password', 'pass', 'token', 'authToken', 'signingKey', 'secrets', 'secretAccessKey', 'accessKeyId', 'url']);

/** Where a problem sits: a plugin (and the key inside its block) or a core key path. */
export type ProblemScope = { plugin: string | null; prefix: (string | number)[] };

/** Finds the line of a key path in the config file, when it has one. */
export type LineOf = (path: readonly (string | number)[]) => number | undefined;

/**
 * Turns valibot issues into config problems. Unknown keys name the keys that are allowed (and the
 * closest one, for typos); every problem carries its line in the file when there is one.
 *
 * @example
 * const result = v.safeParse(ServerConfigSchema, data);
 * if (!result.success) problems.push(...issuesToProblems(result.issues, ServerConfigSchema, { plugin: null, prefix: [] }, lineOf));
 */
export function issuesToProblems(
  issues: readonly v.BaseIssue<unknown>[],
  schema: unknown,
  scope: ProblemScope,
  lineOf: LineOf,
): ConfigProblem[] {
  return issues.map((issue) => {
    const relative = (issue.path ?? []).map((item) => item.key as string | number);
    const fullPath = [...scope.prefix, ...relative];
    const key = relative.length > 0 ? relative.join('.') : scope.plugin ? '(plugin block)' : '(top level)';
    if (issue.type === 'strict_object' && issue.expected === 'never') {
      const name = String(relative[relative.length - 1]);
      return unknownKeyProblem(scope.plugin, key, name, keysAt(schema, relative.slice(0, -1)), lineOf(fullPath));
    }
    const problem: ConfigProblem = { plugin: scope.plugin, key, message: withLine(issue.message, lineOf(fullPath)) };
    if (issue.expected && !issue.message.includes(issue.expected)) problem.expected = issue.expected;
    // a wrongly typed secret or a URL with credentials must not be echoed to the terminal
    const sensitive = fullPath.some((part) => typeof part === 'string' && sensitiveKeys.has(part));
    if (issue.received && issue.received !== 'undefined' && !sensitive) problem.received = issue.received;
    return problem;
  });
}

/**
 * Reports keys of plain (non-strict) objects in the schema that the data has but the schema does
 * not know, e.g. inside the attachments section, whose schema another package owns.
 *
 * @example
 * unknownKeyProblems(ServerConfigSchema, { attachments: { maxByte: 1 } }, { plugin: null, prefix: [] }, () => undefined);
 * // [{ plugin: null, key: 'attachments.maxByte', message: 'unknown key "maxByte"; did you mean "maxBytes"?', ... }]
 */
export function unknownKeyProblems(schema: unknown, data: unknown, scope: ProblemScope, lineOf: LineOf): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const walk = (node: SchemaNode | undefined, value: unknown, path: (string | number)[]): void => {
    const schemaNode = unwrap(node);
    if (!schemaNode || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      if (schemaNode.type === 'array') value.forEach((item, i) => walk(schemaNode.item, item, [...path, i]));
      return;
    }
    if ((schemaNode.type !== 'object' && schemaNode.type !== 'strict_object') || !schemaNode.entries) return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const entry = schemaNode.entries[key];
      if (entry) walk(entry, child, [...path, key]);
      // strict objects report their own unknown keys through valibot issues
      else if (schemaNode.type === 'object') {
        const known = Object.keys(schemaNode.entries);
        out.push(unknownKeyProblem(scope.plugin, [...path, key].join('.'), key, known, lineOf([...scope.prefix, ...path, key])));
      }
    }
  };
  walk(schema as SchemaNode, data, []);
  return out;
}

/**
 * Appends the line in the config file to a message.
 *
 * @example
 * withLine('must be a port number', 4); // 'must be a port number (line 4)'
 */
export function withLine(message: string, line: number | undefined): string {
  return line === undefined ? message : `${message} (line ${line})`;
}

function unknownKeyProblem(plugin: string | null, key: string, name: string, known: string[], line: number | undefined): ConfigProblem {
  const suggestion = closest(name, known);
  const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
  return {
    plugin,
    key,
    message: withLine(`unknown key "${name}"${hint}`, line),
    expected: known.length > 0 ? `one of ${known.join(', ')}` : 'no keys here',
  };
}

function unwrap(node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  while (current?.wrapped) current = current.wrapped;
  return current;
}

function keysAt(schema: unknown, path: (string | number)[]): string[] {
  let node = unwrap(schema as SchemaNode);
  for (const key of path) node = unwrap(typeof key === 'number' ? node?.item : node?.entries?.[key]);
  return Object.keys(node?.entries ?? {});
}

/** The known key within edit distance 2 of a typo, if any. */
function closest(name: string, known: string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(name.toLowerCase(), key.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
