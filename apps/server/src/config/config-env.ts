/** A `${VAR}` reference that could not be resolved, with the key path where it was used. */
export type EnvProblem = {
  path: (string | number)[];
  message: string;
  expected: string;
};

/** Result of {@link substituteEnv}: the value with references replaced, and what went wrong. */
export type EnvSubstitution = {
  value: unknown;
  problems: EnvProblem[];
};

const referencePattern = /\$\$\{|\$\{([^}]*)\}/g;
const namePattern = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([\s\S]*))?$/;

/**
 * Replaces `${VAR}` references in every string value (keys are left alone) with values from
 * `vars`. `${VAR:-default}` uses the default when VAR is unset or empty, `${VAR-default}` only
 * when unset, and `$${` is a literal `${`. An unset variable without a default is a problem naming
 * the variable and the key path, and is replaced by an empty string so checking can go on.
 *
 * Substitution happens after YAML parsing, so a value containing `:` or `#` cannot change the
 * document's structure.
 *
 * @example
 * substituteEnv({ nats: { token: '${NATS_TOKEN}' } }, { NATS_TOKEN: 's3cret' });
 * // { value: { nats: { token: 's3cret' } }, problems: [] }
 * substituteEnv({ log: { level: '${LOG:-info}' } }, {}).value; // { log: { level: 'info' } }
 */
export function substituteEnv(value: unknown, vars: Readonly<Record<string, string | undefined>>): EnvSubstitution {
  const problems: EnvProblem[] = [];
  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === 'string') return substituteString(node, vars, path, problems);
    if (Array.isArray(node)) return node.map((item, index) => walk(item, [...path, index]));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child, [...path, key])]));
    }
    return node;
  };
  return { value: walk(value, []), problems };
}

function substituteString(
  text: string,
  vars: Readonly<Record<string, string | undefined>>,
  path: (string | number)[],
  problems: EnvProblem[],
): string {
  return text.replace(referencePattern, (match, inner: string | undefined) => {
    if (match === '$${') return '${';
    const parsed = namePattern.exec(inner ?? '');
    if (!parsed) {
      problems.push({
        path,
        message: `"${match}" is not a valid variable reference`,
        expected: '${NAME}, ${NAME:-default} or $${ for a literal "${"',
      });
      return '';
    }
    const [, name = '', operator, fallback = ''] = parsed;
    const current = vars[name];
    if (operator === ':-' && (current === undefined || current === '')) return fallback;
    if (operator === '-' && current === undefined) return fallback;
    if (current === undefined) {
      problems.push({
        path,
        message: `environment variable ${name} is not set; set it, or give a default with \${${name}:-value}`,
        expected: `${name} to be set`,
      });
      return '';
    }
    return current;
  });
}
