/** `workerSource`: how to start a worker on a module, TypeScript sources included (Node 20 cannot run `.ts` alone). */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The export condition that maps workspace packages to their TypeScript sources (see ARCHITECTURE.md). */
const SOURCE_CONDITION = '@openbox/source';

/** The first two arguments of `new Worker(script, options)`. */
export interface WorkerSource {
  readonly script: URL | string;
  readonly eval: boolean;
  readonly execArgv?: string[];
}

/**
 * tsx's in-thread ESM `register` (its `./esm/api` export), resolved from this file: tsx is a devDependency of the
 * workspace root, needed only when running from sources (a built `.js` entry never calls this).
 */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const pkg = require(manifest) as { exports: Record<string, { import: { default: string } }> };
  const api = pkg.exports['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(path.join(path.dirname(manifest), api)).href;
}

/**
 * For a `.js` entry whose module is `.js` too (the built package): the entry itself, the process's flags
 * inherited. When either is `.ts` (tests and benchmarks running from sources): a two-line bootstrap that
 * registers tsx's loader inside the worker and then imports the entry, with `--conditions=@openbox/source` so
 * the worker resolves workspace packages to their sources as vitest does. (`--import tsx` in `execArgv` is
 * not enough: on Node 20 its hooks do not apply to a worker's entry.)
 * @example const s = workerSource(entry, module); new Worker(s.script, { eval: s.eval, execArgv: s.execArgv });
 */
export function workerSource(entry: URL, module: URL): WorkerSource {
  if (!entry.pathname.endsWith('.ts') && !module.pathname.endsWith('.ts'))
    return { script: entry, eval: false };
  const script = [
    `import(${JSON.stringify(tsxApiUrl())})`,
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`,
  ].join('');
  return { script, eval: true, execArgv: [`--conditions=${SOURCE_CONDITION}`] };
}
