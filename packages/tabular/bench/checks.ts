/**
 * The tabular benchmark's cross-checks: OpenBox's exact Shapley values against SHAP's `Exact` (float32 vs float64
 * forward passes of the same MLP), and both KernelSHAP estimates against the exact values within sampling error.
 */
import type { Explanation } from '../src/core/explanation.js';

/** What `shap_reference.py values` answers. */
export interface PeerValues {
  readonly exact: { readonly values: number[][]; readonly base: number[] };
  readonly kernel: { readonly values: number[][]; readonly base: number[] };
}

/** One check: what was measured, against which bound, and whether it held. */
export interface Check {
  readonly name: string;
  readonly measured: string;
  readonly bound: string;
  readonly ok: boolean;
}

export interface Checks {
  readonly rows: readonly Check[];
}

/** Exact values agree to this share of max |φ| (float32 model on one side, float64 on the other). */
export const EXACT_TOLERANCE = 1e-4;
/** OpenBox's KernelSHAP: at least this share of values within 3 of their standard errors of the exact value. */
export const COVERAGE_3SE = 0.95;
/** SHAP's KernelSHAP: RMS error vs exact at most this many times OpenBox's RMS standard error (same budget). */
export const PEER_KERNEL_RMS_FACTOR = 3;

const e = (v: number) => v.toExponential(2);
const maxAbs = (v: ArrayLike<number>) => Array.from(v).reduce((m, x) => Math.max(m, Math.abs(x)), 0);
const rms = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0) / v.length);

/** Every check of one run; without the peer, the kernel checks use OpenBox's exact values as the truth. */
export function compareResults(
  exact: Explanation,
  kernel: Explanation,
  peer: PeerValues | undefined,
): Checks {
  const rows: Check[] = [];
  const n = exact.values.length;
  rows.push({
    name: 'OpenBox exact: efficiency, max |Σφ − (f(x) − E f)|',
    measured: e(maxAbs(exact.delta ?? [])),
    bound: '1e-9 (float64 sums)',
    ok: maxAbs(exact.delta ?? []) <= 1e-9,
  });
  let truth = exact.values;
  if (peer) {
    const shapExact = Float64Array.from(peer.exact.values.flat());
    const scale = Math.max(1, maxAbs(shapExact));
    const diff = maxAbs(exact.values.map((v, i) => v - shapExact[i]!));
    rows.push({
      name: `exact φ, max |OpenBox − SHAP Exact| (${n} values, max |φ| ${e(maxAbs(shapExact))})`,
      measured: e(diff),
      bound: `${EXACT_TOLERANCE} × max(1, max |φ|) = ${e(EXACT_TOLERANCE * scale)}`,
      ok: diff <= EXACT_TOLERANCE * scale,
    });
    const baseDiff = Math.abs(exact.baseValue - peer.exact.base[0]!);
    rows.push({
      name: 'E_bg f, |OpenBox − SHAP|',
      measured: e(baseDiff),
      bound: e(EXACT_TOLERANCE * Math.max(1, Math.abs(exact.baseValue))),
      ok: baseDiff <= EXACT_TOLERANCE * Math.max(1, Math.abs(exact.baseValue)),
    });
    truth = shapExact;
  }
  const errors = kernel.standardErrors ?? new Float64Array(n);
  const z = kernel.values.map((v, i) => (v - truth[i]!) / Math.max(errors[i]!, 1e-12));
  const within = z.filter((v) => Math.abs(v) <= 3).length / n;
  const truthName = peer ? 'SHAP Exact' : 'OpenBox exact';
  rows.push({
    name: `OpenBox KernelSHAP: share of |φ − φ_exact| ≤ 3 SE vs ${truthName} (mean z² ${(rms(z) ** 2).toFixed(2)}, RMS error ${e(rms(kernel.values.map((v, i) => v - truth[i]!)))}, RMS SE ${e(rms(errors))})`,
    measured: within.toFixed(3),
    bound: `≥ ${COVERAGE_3SE}`,
    ok: within >= COVERAGE_3SE,
  });
  if (peer) {
    const shapKernel = Float64Array.from(peer.kernel.values.flat());
    const error = rms(shapKernel.map((v, i) => v - truth[i]!));
    rows.push({
      name: `SHAP KernelExplainer: RMS |φ − φ_exact| vs ${truthName}`,
      measured: e(error),
      bound: `${PEER_KERNEL_RMS_FACTOR} × OpenBox's RMS SE = ${e(PEER_KERNEL_RMS_FACTOR * rms(errors))}`,
      ok: error <= PEER_KERNEL_RMS_FACTOR * rms(errors),
    });
  }
  return { rows };
}
