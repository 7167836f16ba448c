/**
 * Steps 1–2 of `pnpm setup:native`: the tensorflow-cpu wheel from PyPI (`pip download --no-deps`, kept in
 * `<cache>/native`) and, from it, libtensorflow laid out as tfjs-node's build expects: `lib/` with
 * `libtensorflow_cc.so.2` (the C API), `libtensorflow_framework.so.2` and the names the binding links against
 * (`libtensorflow.so.2`, `libtensorflow.so`, `libtensorflow_framework.so`), and `include/` with the C API headers.
 * Extraction goes to a temp folder renamed into place, with a stamp naming the wheel, so a re-run skips it and an
 * interrupted one leaves nothing half-written.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { chooseWheel, isCompatibleVersion, TFJS_NODE_LIBTENSORFLOW, wheelVersion } from './plan.mjs';
import { runCommand } from './run-command.mjs';

/** Wheel members copied out (everything else in the 274 MB wheel is the Python package). */
const EXTRACT = String.raw`
import os, shutil, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
libs = {"tensorflow/libtensorflow_cc.so.2", "tensorflow/libtensorflow_framework.so.2"}
headers = ("tensorflow/include/tensorflow/c/", "tensorflow/include/tensorflow/core/platform/",
           "tensorflow/include/tsl/", "tensorflow/include/xla/tsl/c/", "tensorflow/include/tensorflow/tsl/")
found = set()
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        name = info.filename
        if info.is_dir():
            continue
        if name in libs:
            dest = os.path.join(out, "lib", os.path.basename(name))
            found.add(name)
        elif name.startswith(headers):
            dest = os.path.join(out, "include", name[len("tensorflow/include/"):])
        else:
            continue
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with z.open(info) as src, open(dest, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
missing = sorted(libs - found)
if missing:
    sys.exit("the wheel has no " + ", ".join(missing))
`;

/** The python that runs pip and the extraction: `$OPENBOX_PYTHON`, else `python3` on PATH. */
export function pythonCommand() {
  return process.env['OPENBOX_PYTHON'] || 'python3';
}

/**
 * The wheel in `nativeDir` (downloaded first when absent): `{ version, file, downloaded }`. `requested` pins a
 * version; otherwise pip picks the newest `tensorflow-cpu>=2.9.1,<3` for this python and platform.
 */
export function ensureWheel(nativeDir, requested) {
  if (requested !== undefined && !isCompatibleVersion(requested))
    throw new Error(
      `tensorflow-cpu ${requested} cannot serve tfjs-node 4.22: its binding needs the C API of a 2.x release ≥ ${TFJS_NODE_LIBTENSORFLOW}`,
    );
  mkdirSync(nativeDir, { recursive: true });
  const pick = () => {
    const names = readdirSync(nativeDir);
    // A pinned version: only its own wheel; otherwise the newest compatible one.
    const mine = requested === undefined ? names : names.filter((n) => wheelVersion(n) === requested);
    return chooseWheel(mine, requested ?? TFJS_NODE_LIBTENSORFLOW);
  };
  const cached = pick();
  if (cached) return { ...cached, downloaded: false };
  const spec = requested ? `tensorflow-cpu==${requested}` : `tensorflow-cpu>=${TFJS_NODE_LIBTENSORFLOW},<3`;
  runCommand(
    pythonCommand(),
    ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', spec, '-d', nativeDir],
    {
      echo: true,
    },
  );
  const fetched = pick();
  if (!fetched)
    throw new Error(
      `pip download of ${spec} left no tensorflow_cpu-*.whl of a usable version in ${nativeDir}`,
    );
  return { ...fetched, downloaded: true };
}

/** The stamp of an extracted libtensorflow, or `undefined` when absent, unreadable or incomplete. */
export function readStamp(paths) {
  try {
    const stamp = JSON.parse(readFileSync(paths.stamp, 'utf8'));
    const complete = ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2', 'libtensorflow.so'].every(
      (f) => existsSync(join(paths.lib, f)),
    );
    return complete && existsSync(join(paths.include, 'tensorflow/c/eager/c_api.h')) ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** Extracts `wheel` into `paths.libtensorflow` unless the stamp says it is already there; true if it extracted. */
export function ensureLibtensorflow(wheel, paths) {
  const stamp = readStamp(paths);
  if (stamp?.wheel === wheel.file) return false;
  const tmp = `${paths.libtensorflow}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    runCommand(pythonCommand(), ['-c', EXTRACT, join(paths.native, wheel.file), tmp]);
    for (const header of ['tensorflow/c/c_api.h', 'tensorflow/c/eager/c_api.h'])
      if (!existsSync(join(tmp, 'include', header)))
        throw new Error(`the wheel ${wheel.file} has no ${header}`);
    symlinkSync('libtensorflow_cc.so.2', join(tmp, 'lib', 'libtensorflow.so.2'));
    symlinkSync('libtensorflow.so.2', join(tmp, 'lib', 'libtensorflow.so'));
    symlinkSync('libtensorflow_framework.so.2', join(tmp, 'lib', 'libtensorflow_framework.so'));
    writeFileSync(
      join(tmp, 'openbox-native.json'),
      `${JSON.stringify({ wheel: wheel.file, tfVersion: wheel.version })}\n`,
    );
    rmSync(paths.libtensorflow, { recursive: true, force: true });
    renameSync(tmp, paths.libtensorflow);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return true;
}
