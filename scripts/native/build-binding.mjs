/**
 * Steps 3–4 of `pnpm setup:native`: compile tfjs-node's N-API binding (`binding/*.cc`) with node-gyp against this
 * Node's headers and the extracted libtensorflow, check it, cache it, and copy it to where tfjs-node's loader
 * (node-pre-gyp's `lib/napi-v<N>/tfjs_binding.node`) and OpenBox's `nodeBindingProblem` look.
 *
 * The build runs in a temp copy of the binding sources whose `binding.gyp` carries an absolute rpath to the lib
 * folder (no LD_LIBRARY_PATH needed); the result must resolve every `TF_`/`TFE_` symbol against the libraries'
 * exports and load in a child Node reporting the expected `TF_Version` before it is cached. Installing copies to a
 * temp name and renames, so tfjs-node never sees a half-written binding.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { missingSymbols, patchBindingGyp } from './plan.mjs';
import { runCommand } from './run-command.mjs';

/** node-gyp as `[command, ...args]`: the one bundled with npm beside this Node, else `npx --yes node-gyp@12`. */
export function nodeGypCommand() {
  const bundled = join(
    dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
  return existsSync(bundled) ? [process.execPath, bundled] : ['npx', '--yes', 'node-gyp@12'];
}

/** The folder above `include/node` of this Node (node-gyp's `--nodedir`), or `undefined` when its headers are absent. */
export function localNodeDir() {
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

const lines = (text) => text.split('\n').filter((l) => l.trim() !== '');

/** Compiles and checks the binding into `paths.cachedBinding` unless it is cached; true if it compiled. */
export function ensureCompiledBinding({ tfjsNodeDir, paths, napi, tfVersion }) {
  if (existsSync(paths.cachedBinding)) return false;
  const work = mkdtempSync(join(tmpdir(), 'openbox-tfjs-binding-'));
  try {
    // 1. A private copy of the sources, the build file patched, deps/ pointing at the extracted libtensorflow.
    mkdirSync(join(work, 'binding'));
    for (const file of readdirSync(join(tfjsNodeDir, 'binding')))
      copyFileSync(join(tfjsNodeDir, 'binding', file), join(work, 'binding', file));
    copyFileSync(join(tfjsNodeDir, 'package.json'), join(work, 'package.json'));
    writeFileSync(
      join(work, 'binding.gyp'),
      patchBindingGyp(readFileSync(join(tfjsNodeDir, 'binding.gyp'), 'utf8'), paths.lib),
    );
    symlinkSync(paths.libtensorflow, join(work, 'deps'));
    // 2. node-gyp against the local headers; module_* are the variables node-pre-gyp would pass.
    const modulePath = join(work, 'lib', `napi-v${napi}`);
    const nodeDir = localNodeDir();
    const [gyp, ...gypArgs] = nodeGypCommand();
    runCommand(
      gyp,
      [
        ...gypArgs,
        'rebuild',
        ...(nodeDir ? [`--nodedir=${nodeDir}`] : []),
        '--module_name=tfjs_binding',
        `--module_path=${modulePath}`,
        `--napi_build_version=${napi}`,
      ],
      { cwd: work, echo: true },
    );
    const built = join(modulePath, 'tfjs_binding.node');
    if (!existsSync(built)) throw new Error(`node-gyp reported success but wrote no ${built}`);
    // 3. Every C API symbol it calls must be exported by the two libraries (ld allows undefined ones in a .so).
    const needed = lines(runCommand('nm', ['-D', '--undefined-only', built]));
    const defined = ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2'].flatMap((lib) =>
      lines(runCommand('nm', ['-D', '--defined-only', join(paths.lib, lib)])),
    );
    const missing = missingSymbols(needed, defined);
    if (missing.length > 0)
      throw new Error(
        `the binding calls C API functions that libtensorflow ${tfVersion} does not export: ${missing.join(', ')}`,
      );
    // 4. It loads without LD_LIBRARY_PATH and reports the TensorFlow it was linked with.
    const env = { LD_LIBRARY_PATH: '' };
    const loaded = runCommand(
      process.execPath,
      ['-e', `process.stdout.write(require(${JSON.stringify(built)}).TF_Version)`],
      { env },
    ).trim();
    if (loaded !== tfVersion)
      throw new Error(`the compiled binding loads TensorFlow '${loaded}', expected '${tfVersion}'`);
    // 5. Into the cache, by copy + rename.
    mkdirSync(dirname(paths.cachedBinding), { recursive: true });
    const tmp = `${paths.cachedBinding}.tmp-${process.pid}`;
    copyFileSync(built, tmp);
    renameSync(tmp, paths.cachedBinding);
    return true;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Copies the cached binding into the tfjs-node package unless the same bytes are there; true if it copied. */
export function installBinding(paths) {
  const cached = readFileSync(paths.cachedBinding);
  if (existsSync(paths.installedBinding) && readFileSync(paths.installedBinding).equals(cached)) return false;
  mkdirSync(dirname(paths.installedBinding), { recursive: true });
  const tmp = `${paths.installedBinding}.tmp-${process.pid}`;
  copyFileSync(paths.cachedBinding, tmp);
  renameSync(tmp, paths.installedBinding);
  return true;
}

/** Removes the installed binding (the cache stays); true if there was one. */
export function removeBinding(paths) {
  if (!existsSync(paths.installedBinding)) return false;
  rmSync(paths.installedBinding);
  const dir = dirname(paths.installedBinding);
  if (readdirSync(dir).length === 0) rmdirSync(dir);
  const lib = dirname(dir);
  if (readdirSync(lib).length === 0) rmdirSync(lib);
  return true;
}
