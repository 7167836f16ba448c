/**
 * `benchPython(packages)`: the Python of the benchmark-only peers (scikit-learn, SHAP, Captum). A venv made once in
 * the OpenBox cache (`<cacheDir>/bench-venv`, `python3 -m venv --system-site-packages`, so Debian's packages such as
 * `python3-torch` stay visible) into which the missing packages are `pip install`ed once. Never a dependency: when
 * the venv or an install fails the caller gets `{ skipped }` with the reason and the benchmark says it skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The venv's python, or why there is none. */
export type BenchPython = { readonly python: string } | { readonly skipped: string };

/** The last stderr line of a finished command (or its spawn error / exit status): the reason in a skip line. */
function lastLine(r: ReturnType<typeof spawnSync>): string {
  return (
    r.error?.message ??
    String(r.stderr ?? '')
      .trim()
      .split('\n')
      .at(-1) ??
    `exit ${r.status}`
  );
}

/**
 * The venv's python with every module of `packages` importable, installing the missing ones (pip names; the
 * import name is the pip name with `-` → `_`, and `scikit-learn` → `sklearn`) in `<cacheDir>/bench-venv`;
 * `cacheDir` is passed in (the packages' `defaultCacheDir()`) so this root file imports no workspace package.
 * @example const py = benchPython(['scikit-learn'], defaultCacheDir()); if ('skipped' in py) console.log(`skipped: ${py.skipped}`);
 */
export function benchPython(packages: readonly string[], cacheDir: string): BenchPython {
  const venv = join(cacheDir, 'bench-venv');
  const python = join(venv, 'bin', 'python');
  if (!existsSync(python)) {
    const made = spawnSync('python3', ['-m', 'venv', '--system-site-packages', venv], { encoding: 'utf8' });
    if (made.status !== 0) return { skipped: `python3 -m venv ${venv} failed (${lastLine(made)})` };
  }
  const importName = (pkg: string) => (pkg === 'scikit-learn' ? 'sklearn' : pkg.replaceAll('-', '_'));
  const missing = packages.filter(
    (pkg) => spawnSync(python, ['-c', `import ${importName(pkg)}`], { encoding: 'utf8' }).status !== 0,
  );
  if (missing.length > 0) {
    console.log(`installing ${missing.join(', ')} into ${venv} (once)…`);
    const pip = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--retries', '0', ...missing], {
      encoding: 'utf8',
      timeout: 900_000,
    });
    if (pip.status !== 0)
      return { skipped: `pip install ${missing.join(' ')} into ${venv} failed (${lastLine(pip)})` };
  }
  return { python };
}
