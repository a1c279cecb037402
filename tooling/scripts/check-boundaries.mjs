#!/usr/bin/env node
// @ts-check
// Enforces the dependency rules of DESIGN.md: plugins import only the SDK, the events package and
// npm libraries; events depends on nothing of ours; the SDK only on events; process.env is read in
// apps/server/src/env.ts only; plugins are named only in apps/server.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  /** @type {string[]} */
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

/** @param {string} file */
function importsOf(file) {
  // Comments (TSDoc examples) are not code: blank them out, keeping line numbers.
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[\s;{}])\/\/.*$/gm, '$1');
  /** @type {Array<{ spec: string; line: number }>} */
  const found = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec) found.push({ spec, line: text.slice(0, m.index).split('\n').length });
  }
  return { text, found };
}

/**
 * Returns every violation of the dependency rules below `root`, as `path:line: message`.
 * @param {string} root
 * @returns {string[]}
 */
export function findViolations(root) {
  /** @type {string[]} */
  const violations = [];
  const rel = (/** @type {string} */ p) => relative(root, p);
  const pluginsDir = join(root, 'plugins');
  let pluginIds = [];
  try {
    pluginIds = readdirSync(pluginsDir).filter((d) => statSync(join(pluginsDir, d)).isDirectory());
  } catch {
    pluginIds = [];
  }
  // A plugin may depend on an app package to serve its built files (channel-webchat serves
  // apps/widget's dist), never import its code: the import rule above still applies.
  /** @type {string[]} */
  const appPackages = [];
  try {
    for (const app of readdirSync(join(root, 'apps'))) {
      try {
        appPackages.push(JSON.parse(readFileSync(join(root, 'apps', app, 'package.json'), 'utf8')).name);
      } catch {
        // not a package
      }
    }
  } catch {
    // no apps folder
  }
  for (const id of pluginIds) {
    const dir = join(pluginsDir, id);
    for (const file of walk(dir)) {
      for (const { spec, line } of importsOf(file).found) {
        const ours = spec.startsWith('@switchboard/');
        const allowed =
          spec === '@switchboard/plugin-sdk' ||
          spec.startsWith('@switchboard/plugin-sdk/') ||
          spec === '@switchboard/events' ||
          // Build and test presets, in config files only.
          (spec.startsWith('@switchboard/presets/') && /\.config\.[mc]?ts$/.test(file));
        if (ours && !allowed) violations.push(`${rel(file)}:${line}: plugin ${id} imports ${spec}; plugins may import only @switchboard/plugin-sdk and @switchboard/events`);
        if (spec.startsWith('.') && !resolve(file, '..', spec).startsWith(dir + '/') && resolve(file, '..', spec) !== dir) {
          violations.push(`${rel(file)}:${line}: plugin ${id} reaches outside its folder with ${spec}`);
        }
      }
    }
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
        for (const dep of Object.keys(pkg[field] ?? {})) {
          if (dep.startsWith('@switchboard/') && !['@switchboard/plugin-sdk', '@switchboard/events', '@switchboard/presets', '@switchboard/tsconfig', ...appPackages].includes(dep)) {
            violations.push(`${rel(join(dir, 'package.json'))}: plugin ${id} declares ${dep} in ${field}`);
          }
        }
      }
    } catch {
      violations.push(`${rel(dir)}: plugin ${id} has no readable package.json`);
    }
  }
  const rules = [
    { dir: 'packages/events', allowed: [] },
    { dir: 'packages/plugin-sdk', allowed: ['@switchboard/events'] },
    { dir: 'packages/core', allowed: ['@switchboard/events', '@switchboard/plugin-sdk'] },
  ];
  // Tests, benchmarks and config files may use the workspace's tooling packages.
  const harness = (/** @type {string} */ file) => /\.test\.[mc]?tsx?$|\.config\.[mc]?ts$/.test(file) || /\/(test|bench)\//.test(file);
  const tooling = ['@switchboard/presets', '@switchboard/browser-testing'];
  for (const rule of rules) {
    for (const file of walk(join(root, rule.dir))) {
      for (const { spec, line } of importsOf(file).found) {
        const base = spec.split('/').slice(0, 2).join('/');
        if (spec.startsWith('@switchboard/') && !rule.allowed.includes(base) && !(harness(file) && tooling.includes(base))) {
          violations.push(`${rel(file)}:${line}: ${rule.dir} may not import ${spec}`);
        }
      }
    }
  }
  const envFile = join(root, 'apps/server/src/env.ts');
  for (const top of ['apps', 'packages', 'plugins']) {
    for (const file of walk(join(root, top))) {
      if (file === envFile || harness(file)) continue;
      const { text, found } = importsOf(file);
      const at = text.search(/\bprocess\.env\b/);
      if (at >= 0) violations.push(`${rel(file)}:${text.slice(0, at).split('\n').length}: reads process.env; only apps/server/src/env.ts may`);
      if (!file.startsWith(join(root, 'apps/server')) && !file.startsWith(join(root, 'plugins'))) {
        for (const { spec, line } of found) {
          if (spec.startsWith('@switchboard/plugin-') && !spec.startsWith('@switchboard/plugin-sdk')) {
            violations.push(`${rel(file)}:${line}: names plugin ${spec}; only apps/server may`);
          }
        }
      }
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(import.meta.url), '../../..');
  const violations = findViolations(root);
  if (violations.length > 0) {
    console.error(`Dependency rules broken (see DESIGN.md, "Layout and who may import whom"):\n${violations.map((v) => `- ${v}`).join('\n')}`);
    process.exit(1);
  }
  console.log('boundaries: ok');
}
