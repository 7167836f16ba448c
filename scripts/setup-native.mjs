#!/usr/bin/env node
/**
 * `pnpm setup:native` — opt-in: a native TensorFlow backend for OpenBox (@tensorflow/tfjs-node, libtensorflow,
 * multithreaded) without tfjs-node's own download, which fails behind a firewall that lets PyPI through.
 *
 *   1. the tensorflow-cpu wheel from PyPI (`pip download --no-deps`; its libtensorflow_cc.so.2 exports the C API)
 *   2. libtensorflow's two libraries and C headers out of the wheel into <cache>/native/libtensorflow
 *   3. tfjs-node's binding compiled by node-gyp against this Node's headers, with an rpath to that lib folder
 *   4. the binding copied to tfjs-node's lib/napi-v<N>/tfjs_binding.node (where its loader looks)
 *   5. a check in a child Node: initBackend picks 'node'; matMul and conv2d gradients equal the cpu backend's
 *
 * Idempotent: the wheel, the libraries and the compiled binding stay in <cache>/native (`$OPENBOX_CACHE` or
 * ~/.cache/openbox), so a re-run after `pnpm install` (which re-creates tfjs-node without the binding) only copies
 * the binding back. Nothing is half-installed: each artifact is written under a temp name and renamed, and a binding
 * that fails step 5 is removed again. Once installed, `initBackend()` picks it automatically.
 *
 *   node scripts/setup-native.mjs               all steps (each skipped when its artifact is there)
 *   node scripts/setup-native.mjs --check       only report the state; exit 0 when the native backend works
 *   node scripts/setup-native.mjs --remove      remove the installed binding (the cache stays): back to wasm
 *   node scripts/setup-native.mjs --tf-version=2.21.0   pin the tensorflow-cpu version (2.x ≥ 2.9.1)
 *
 * Unpinned, the first run lets pip pick the newest `tensorflow-cpu>=2.9.1,<3`; later runs reuse the cached wheel
 * (offline), so upgrading means pinning the newer version.
 */
import { realpathSync, readdirSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { installBinding, ensureCompiledBinding, removeBinding } from './native/build-binding.mjs';
import { ensureLibtensorflow, ensureWheel, readStamp } from './native/fetch-libtensorflow.mjs';
import { chooseWheel, napiBuildVersion, nativePaths } from './native/plan.mjs';

const ROOT = join(import.meta.dirname, '..');
const RUNTIME = join(ROOT, 'packages', 'runtime');
const USAGE = 'usage: node scripts/setup-native.mjs [--check | --remove] [--tf-version=2.x.y]';

function fail(message) {
  console.error(`setup:native: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { mode: 'setup', tfVersion: undefined };
  for (const arg of argv) {
    if (arg === '--check' || arg === '--remove') args.mode = arg.slice(2);
    else if (arg.startsWith('--tf-version=')) args.tfVersion = arg.slice('--tf-version='.length);
    else if (arg === '--help' || arg === '-h') (console.log(USAGE), process.exit(0));
    else fail(`unknown argument '${arg}'\n${USAGE}`);
  }
  return args;
}

/** The tfjs-node package @openbox/runtime resolves, its version and the N-API folder its loader reads. */
function locateTfjsNode() {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    fail(
      `only linux x64 is supported (the tensorflow-cpu manylinux wheel); this is ${process.platform} ${process.arch}`,
    );
  let manifest;
  try {
    manifest = createRequire(join(RUNTIME, 'package.json')).resolve('@tensorflow/tfjs-node/package.json');
  } catch {
    fail(
      '@tensorflow/tfjs-node is not installed under packages/runtime (an optional dependency): run pnpm install',
    );
  }
  const dir = realpathSync(dirname(manifest));
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const napi = napiBuildVersion(pkg.binary?.napi_versions ?? [], Number(process.versions.napi));
  if (napi === undefined)
    fail(`this Node's N-API ${process.versions.napi} is below every version tfjs-node builds`);
  return { dir, version: pkg.version, napi };
}

/** Runs step 5 in a child Node; the parsed JSON line, or the failure as `{ ok: false, error }`. */
function checkBackend() {
  const child = spawnSync(process.execPath, [join(ROOT, 'scripts', 'native', 'check-backend.mjs'), RUNTIME], {
    encoding: 'utf8',
    env: {
      ...process.env,
      LD_LIBRARY_PATH: '',
      TF_CPP_MIN_LOG_LEVEL: process.env['TF_CPP_MIN_LOG_LEVEL'] ?? '2',
    },
  });
  const last = child.stdout?.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last);
  } catch {
    const why = `${child.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n') || child.error?.message;
    return { ok: false, error: `exit ${child.status}: ${why}` };
  }
}

function step(index, name, action) {
  const start = performance.now();
  process.stdout.write(`[${index}/5] ${name} … `);
  try {
    const said = action();
    console.log(`${said} (${((performance.now() - start) / 1000).toFixed(1)} s)`);
  } catch (error) {
    console.log('FAILED');
    fail(`step ${index} (${name}) failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function check(tfjsNode, cacheDir) {
  const nativeDir = join(cacheDir, 'native');
  const wheel = existsSync(nativeDir) ? chooseWheel(readdirSync(nativeDir)) : undefined;
  const base = {
    cacheDir,
    tfjsNodeDir: tfjsNode.dir,
    tfjsNodeVersion: tfjsNode.version,
    napi: tfjsNode.napi,
  };
  const stamp = readStamp(nativePaths({ ...base, tfVersion: 'x' }));
  const paths = nativePaths({ ...base, tfVersion: stamp?.tfVersion ?? wheel?.version ?? 'unknown' });
  const installed = existsSync(paths.installedBinding);
  const same =
    installed &&
    existsSync(paths.cachedBinding) &&
    readFileSync(paths.installedBinding).equals(readFileSync(paths.cachedBinding));
  console.log(`tfjs-node ${tfjsNode.version}: ${tfjsNode.dir}`);
  console.log(`wheel: ${wheel ? join(nativeDir, wheel.file) : 'absent'}`);
  console.log(`libtensorflow: ${stamp ? `${stamp.tfVersion} in ${paths.libtensorflow}` : 'not extracted'}`);
  console.log(`compiled binding: ${existsSync(paths.cachedBinding) ? paths.cachedBinding : 'absent'}`);
  console.log(
    `installed binding: ${installed ? `${paths.installedBinding}${same ? ' (the cached build)' : ' (not the cached build)'}` : 'absent'}`,
  );
  if (!installed) return 1;
  const result = checkBackend();
  console.log(`native backend: ${result.ok ? 'works' : 'FAILS'} ${JSON.stringify(result)}`);
  return result.ok ? 0 : 1;
}

const args = parseArgs(process.argv.slice(2));
const cacheDir = process.env['OPENBOX_CACHE'] || join(homedir(), '.cache', 'openbox');
const tfjsNode = locateTfjsNode();
if (args.mode === 'check') process.exit(check(tfjsNode, cacheDir));
if (args.mode === 'remove') {
  const paths = nativePaths({
    cacheDir,
    tfjsNodeDir: tfjsNode.dir,
    tfjsNodeVersion: tfjsNode.version,
    tfVersion: 'x',
    napi: tfjsNode.napi,
  });
  console.log(
    removeBinding(paths)
      ? `removed ${paths.installedBinding}`
      : `no binding installed at ${paths.installedBinding}`,
  );
  process.exit(0);
}
console.log(
  `setup:native — tfjs-node ${tfjsNode.version} (${tfjsNode.dir}), cache ${join(cacheDir, 'native')}`,
);
let wheel;
step(1, 'tensorflow-cpu wheel', () => {
  wheel = ensureWheel(join(cacheDir, 'native'), args.tfVersion);
  return `${wheel.downloaded ? 'downloaded' : 'cached'} ${wheel.file}`;
});
const paths = nativePaths({
  cacheDir,
  tfjsNodeDir: tfjsNode.dir,
  tfjsNodeVersion: tfjsNode.version,
  tfVersion: wheel.version,
  napi: tfjsNode.napi,
});
step(
  2,
  'libtensorflow from the wheel',
  () => `${ensureLibtensorflow(wheel, paths) ? 'extracted to' : 'already in'} ${paths.libtensorflow}`,
);
step(
  3,
  'compile the binding (node-gyp)',
  () =>
    `${ensureCompiledBinding({ tfjsNodeDir: tfjsNode.dir, paths, napi: tfjsNode.napi, tfVersion: wheel.version }) ? 'compiled' : 'cached'} ${paths.cachedBinding}`,
);
step(
  4,
  'install the binding',
  () => `${installBinding(paths) ? 'copied to' : 'already at'} ${paths.installedBinding}`,
);
step(5, 'check (initBackend, matMul, conv2d gradients vs cpu)', () => {
  const result = checkBackend();
  if (result.ok) return `ok ${JSON.stringify(result)}`;
  removeBinding(paths);
  throw new Error(`${JSON.stringify(result)}; the binding was removed again, OpenBox stays on wasm`);
});
console.log(
  'setup:native: done — initBackend() now picks the native backend (OPENBOX_BACKEND=wasm to opt out)',
);
