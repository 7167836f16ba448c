/**
 * `torchPython()`: the Python that runs the PyTorch peers (Debian's `python3-torch`, benchmark only), or why the
 * benchmark skips PyTorch. `/usr/bin/python3` unless `OPENBOX_TORCH_PYTHON` names another one (point it at a missing
 * file to check that a benchmark still measures OpenBox without torch, as on CI machines).
 */
import { spawnSync } from 'node:child_process';

/** The python with torch, or the reason there is none. */
export type TorchPython = { readonly python: string } | { readonly skipped: string };

/** Debian's python, where `python3-torch` installs; the pyenv `python3` on PATH has no torch. */
export const DEFAULT_TORCH_PYTHON = '/usr/bin/python3';

/**
 * Probes `import torch` once with `OPENBOX_TORCH_PYTHON` (default {@link DEFAULT_TORCH_PYTHON}).
 * @example const py = torchPython(); if ('skipped' in py) console.log(`PyTorch skipped: ${py.skipped}`);
 */
export function torchPython(env: NodeJS.ProcessEnv = process.env): TorchPython {
  const python = env['OPENBOX_TORCH_PYTHON']?.trim() || DEFAULT_TORCH_PYTHON;
  const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error === undefined && probe.status === 0) return { python };
  const why = probe.error?.message ?? (probe.stderr.trim().split('\n').at(-1) || `exit ${probe.status}`);
  return { skipped: `${python} cannot import torch (${why}); install Debian's python3-torch` };
}
