/**
 * Pure decisions of `pnpm setup:native` (no I/O): which tensorflow-cpu wheel, where each artifact lives, how the
 * binding's build file is patched, which C API symbols a compiled binding still lacks.
 *
 * tfjs-node 4.22's binding was written against libtensorflow 2.9.1's C API (`tensorflow/c/c_api.h`,
 * `tensorflow/c/eager/c_api.h`). TensorFlow keeps that C API backward compatible within major version 2 (functions
 * are added, none removed), so any tensorflow-cpu 2.x ≥ 2.9.1 can serve it; the newest is chosen, and the compiled
 * binding's undefined `TF_`/`TFE_` symbols are checked against what the wheel's libraries export before install.
 */
import { join } from 'node:path';

/** The libtensorflow that tfjs-node 4.22's prebuilt binding was built against (its `scripts/deps-constants.js`). */
export const TFJS_NODE_LIBTENSORFLOW = '2.9.1';

/** The rpath in tfjs-node's `binding.gyp` (gyp-escaped `$ORIGIN`), replaced by the extracted lib folder. */
export const GYP_RPATH = '\\$$ORIGIN/../../deps/lib';

/**
 * `[major, minor, patch]` of a plain release version (`2.21.0`), or `undefined` for anything else (rc, dev, junk).
 * @example parseVersion('2.21.0') // [2, 21, 0]
 */
export function parseVersion(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Negative, zero or positive as `a` is older than, equal to or newer than `b` (both plain release versions). */
export function compareVersions(a, b) {
  const [pa, pb] = [parseVersion(a), parseVersion(b)];
  if (!pa || !pb) throw new Error(`compareVersions: '${!pa ? a : b}' is not a release version like 2.21.0`);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/**
 * Whether tensorflow-cpu `version` offers the C API tfjs-node 4.22 calls: a release of major version 2, not older
 * than {@link TFJS_NODE_LIBTENSORFLOW}.
 * @example isCompatibleVersion('2.21.0') // true; isCompatibleVersion('2.8.4') // false
 */
export function isCompatibleVersion(version, minimum = TFJS_NODE_LIBTENSORFLOW) {
  const parsed = parseVersion(version);
  return parsed !== undefined && parsed[0] === 2 && compareVersions(version, minimum) >= 0;
}

/**
 * The newest compatible version among `versions` (pre-releases and other majors ignored), or `undefined`.
 * @example chooseVersion(['2.9.0', '2.21.0', '2.22.0rc1', '2.16.2']) // '2.21.0'
 */
export function chooseVersion(versions, minimum = TFJS_NODE_LIBTENSORFLOW) {
  const usable = versions.filter((v) => isCompatibleVersion(v, minimum));
  return usable.sort(compareVersions).at(-1);
}

/**
 * The version in a tensorflow-cpu wheel's file name (`tensorflow_cpu-2.21.0-cp311-cp311-manylinux_2_27_x86_64.whl`
 * → `2.21.0`), or `undefined` when the name is not such a wheel.
 */
export function wheelVersion(fileName) {
  const m = /^tensorflow_cpu-([^-]+)-[^-]+-[^-]+-[^-]+\.whl$/.exec(fileName);
  return m ? m[1] : undefined;
}

/**
 * The newest compatible tensorflow-cpu wheel among the file names of a folder, or `undefined`.
 * @example chooseWheel(['tensorflow_cpu-2.21.0-cp311-cp311-manylinux_2_27_x86_64.whl', 'x.txt'])
 */
export function chooseWheel(fileNames, minimum = TFJS_NODE_LIBTENSORFLOW) {
  const byVersion = new Map();
  for (const name of fileNames) {
    const version = wheelVersion(name);
    if (version !== undefined && isCompatibleVersion(version, minimum)) byVersion.set(version, name);
  }
  const newest = chooseVersion([...byVersion.keys()], minimum);
  return newest === undefined ? undefined : { version: newest, file: byVersion.get(newest) };
}

/**
 * The N-API version node-pre-gyp builds and loads (`lib/napi-v<N>`): the highest of the package's `napi_versions`
 * that this Node supports, or `undefined` when none is.
 * @example napiBuildVersion([3, 4, 5, 6, 7, 8], 9) // 8
 */
export function napiBuildVersion(supported, nodeNapi) {
  const usable = supported.filter((v) => Number.isInteger(v) && v <= nodeNapi);
  return usable.length === 0 ? undefined : Math.max(...usable);
}

/**
 * Every path setup:native reads or writes, from the cache folder (`$OPENBOX_CACHE` or `~/.cache/openbox`), the
 * tfjs-node package folder and the chosen versions. The compiled binding is cached per tfjs-node, TensorFlow and
 * N-API version, so re-running after `pnpm install` only copies it back.
 */
export function nativePaths({ cacheDir, tfjsNodeDir, tfjsNodeVersion, tfVersion, napi }) {
  const native = join(cacheDir, 'native');
  const libtensorflow = join(native, 'libtensorflow');
  const key = `tfjs-node-${tfjsNodeVersion}-tf-${tfVersion}-napi-v${napi}`;
  return {
    native,
    libtensorflow,
    lib: join(libtensorflow, 'lib'),
    include: join(libtensorflow, 'include'),
    stamp: join(libtensorflow, 'openbox-native.json'),
    cachedBinding: join(native, 'binding', key, 'tfjs_binding.node'),
    installedBinding: join(tfjsNodeDir, 'lib', `napi-v${napi}`, 'tfjs_binding.node'),
  };
}

/**
 * tfjs-node's `binding.gyp` with its Linux rpath (`$ORIGIN/../../deps/lib`) replaced by the absolute `libDir`, so
 * the binding finds libtensorflow without LD_LIBRARY_PATH wherever the package lives. Throws if the rpath is absent.
 */
export function patchBindingGyp(text, libDir) {
  if (!text.includes(GYP_RPATH))
    throw new Error(
      `patchBindingGyp: binding.gyp has no rpath '${GYP_RPATH}' to replace; tfjs-node changed its build`,
    );
  if (/[\s'"$\\]/.test(libDir))
    throw new Error(
      `patchBindingGyp: the lib folder '${libDir}' has a space, quote, $ or \\; set OPENBOX_CACHE to a plain path`,
    );
  return text.split(GYP_RPATH).join(libDir);
}

/**
 * The `TF_`/`TFE_` symbols a binding needs (`nm -D --undefined-only` lines) that no library exports
 * (`nm -D --defined-only` lines), sorted; version suffixes (`@@tensorflow`) are ignored.
 * @example missingSymbols(['   U TF_NewStatus', '   U malloc'], ['0001 T TF_NewStatus@@tensorflow']) // []
 */
export function missingSymbols(undefinedLines, definedLines) {
  const name = (line) => line.trim().split(/\s+/).at(-1)?.split('@')[0] ?? '';
  const defined = new Set(definedLines.map(name));
  const needed = new Set(undefinedLines.map(name).filter((s) => /^TFE?_/.test(s)));
  return [...needed].filter((s) => !defined.has(s)).sort();
}
