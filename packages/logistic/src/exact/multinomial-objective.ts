/** The multinomial (softmax) logistic objective in float64: value, gradient and Hessian. */
import type { Design } from '../data/types.js';

/**
 * Σᵢ [log Σₖ e^(ηᵢₖ) − ηᵢ,yᵢ] + (l2/2) Σₖ ‖wₖ‖², ηᵢₖ = bₖ + xᵢᵀwₖ; θ holds K rows of (bₖ, wₖ).
 * Gradient Σᵢ (pᵢₖ − [yᵢ = k]) x̃ᵢ + l2·wₖ. Also returns Σᵢ log pᵢ,yᵢ (the log-likelihood).
 */
export function multinomialObjective(
  design: Design,
  y: Int32Array,
  numClasses: number,
  theta: Float64Array,
  l2: number,
): { value: number; gradient: Float64Array; logLikelihood: number } {
  const { n, d, x } = design;
  const K = numClasses;
  const p = d + 1;
  // Weights transposed to feature-major (wT[j·K + k]) so each nonzero x_ij touches K adjacent numbers; zeros
  // (most MNIST pixels) are skipped in both passes.
  const wT = new Float64Array(d * K);
  for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) wT[j * K + k] = theta[k * p + 1 + j]!;
  const gT = new Float64Array(d * K);
  const gBias = new Float64Array(K);
  const eta = new Float64Array(K);
  const r = new Float64Array(K);
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) eta[k] = theta[k * p]!;
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const v = x[row + j]!;
      if (v === 0) continue;
      const base = j * K;
      for (let k = 0; k < K; k++) eta[k] = eta[k]! + wT[base + k]! * v;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, eta[k]!);
    let z = 0;
    for (let k = 0; k < K; k++) z += Math.exp(eta[k]! - max);
    const logZ = max + Math.log(z);
    const yi = y[i]!;
    logLikelihood += eta[yi]! - logZ;
    for (let k = 0; k < K; k++) {
      r[k] = Math.exp(eta[k]! - logZ) - (yi === k ? 1 : 0);
      gBias[k] = gBias[k]! + r[k]!;
    }
    for (let j = 0; j < d; j++) {
      const v = x[row + j]!;
      if (v === 0) continue;
      const base = j * K;
      for (let k = 0; k < K; k++) gT[base + k] = gT[base + k]! + r[k]! * v;
    }
  }
  const gradient = new Float64Array(K * p);
  let penalty = 0;
  for (let k = 0; k < K; k++) {
    gradient[k * p] = gBias[k]!;
    for (let j = 0; j < d; j++) {
      const w = wT[j * K + k]!;
      penalty += 0.5 * l2 * w * w;
      gradient[k * p + 1 + j] = gT[j * K + k]! + l2 * w;
    }
  }
  return { value: -logLikelihood + penalty, gradient, logLikelihood };
}

/**
 * The Hessian Σᵢ x̃ᵢx̃ᵢᵀ ⊗ (diag(pᵢ) − pᵢpᵢᵀ) + l2 on the weights, row-major (Kp)², index k·p + a.
 * It is singular along the softmax shifts (the same vector added to every class); `shiftDamping` > 0 adds
 * shiftDamping·Σₐ uₐuₐᵀ (uₐ = 1 on parameter a of every class), which leaves Newton steps orthogonal to the shifts
 * unchanged when the gradient is orthogonal to them (it always is from a centred start).
 */
export function multinomialHessian(
  design: Design,
  numClasses: number,
  theta: Float64Array,
  l2: number,
  shiftDamping: number,
): Float64Array {
  const { n, d, x } = design;
  const p = d + 1;
  const size = numClasses * p;
  const h = new Float64Array(size * size);
  const eta = new Float64Array(numClasses);
  const prob = new Float64Array(numClasses);
  const row = new Float64Array(p);
  row[0] = 1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[1 + j] = x[i * d + j]!;
    let max = -Infinity;
    for (let k = 0; k < numClasses; k++) {
      let s = theta[k * p]!;
      for (let j = 0; j < d; j++) s += theta[k * p + 1 + j]! * row[1 + j]!;
      eta[k] = s;
      max = Math.max(max, s);
    }
    let z = 0;
    for (let k = 0; k < numClasses; k++) z += prob[k] = Math.exp(eta[k]! - max);
    for (let k = 0; k < numClasses; k++) prob[k] = prob[k]! / z;
    for (let k = 0; k < numClasses; k++)
      for (let l = 0; l <= k; l++) {
        const c = prob[k]! * ((k === l ? 1 : 0) - prob[l]!);
        if (c === 0) continue;
        for (let a = 0; a < p; a++) {
          const ca = c * row[a]!;
          const base = (k * p + a) * size + l * p;
          for (let b = 0; b < p; b++) h[base + b] = h[base + b]! + ca * row[b]!;
        }
      }
  }
  for (let r = 0; r < size; r++) for (let c = r + 1; c < size; c++) h[r * size + c] = h[c * size + r]!;
  for (let k = 0; k < numClasses; k++) for (let j = 1; j < p; j++) h[(k * p + j) * size + k * p + j]! += l2;
  if (shiftDamping > 0)
    for (let a = 0; a < p; a++)
      for (let k = 0; k < numClasses; k++)
        for (let l = 0; l < numClasses; l++) h[(k * p + a) * size + l * p + a]! += shiftDamping;
  return h;
}
