/**
 * Test fixture (not built): smallCnn (conv 3×3 relu → max pool 2 → conv 2×2 relu → flatten → dense) re-implemented
 * in float64 with plain loops, forward and backward, with the ReLU and max-pool backward rules as parameters, so that
 * guided backpropagation, deconvolution and DeepLIFT are checked against code that shares nothing with the executor.
 */
import type * as tfl from '@tensorflow/tfjs-layers';

/** The gradient at a ReLU's input from dy, its input z (at x) and z0 (at the reference). */
export type ReluRule = (dy: number, z: number, z0: number) => number;

/** Backward rules: one for ReLUs, and max pooling either plain or DeepLIFT's (Captum's `maxpool`). */
export interface ReferenceRules {
  readonly relu: ReluRule;
  readonly pool: 'plain' | 'deeplift';
  readonly eps?: number;
}

interface Forward {
  z1: Float64Array; // 6×6×4
  a1: Float64Array;
  o: Float64Array; // 3×3×4
  arg: Int32Array; // index into a1 of each window's first max
  z2: Float64Array; // 2×2×6
}

const relu = (v: number) => Math.max(0, v);

function forward(w: Float64Array[], x: ArrayLike<number>): Forward {
  const [k1, b1, k2, b2] = w as [Float64Array, Float64Array, Float64Array, Float64Array];
  const z1 = new Float64Array(6 * 6 * 4);
  for (let y = 0; y < 6; y++)
    for (let xx = 0; xx < 6; xx++)
      for (let f = 0; f < 4; f++) {
        let s = b1[f]!;
        for (let i = 0; i < 3; i++)
          for (let j = 0; j < 3; j++) s += x[(y + i) * 8 + xx + j]! * k1[(i * 3 + j) * 4 + f]!;
        z1[(y * 6 + xx) * 4 + f] = s;
      }
  const a1 = z1.map(relu);
  const o = new Float64Array(3 * 3 * 4);
  const arg = new Int32Array(3 * 3 * 4);
  for (let y = 0; y < 3; y++)
    for (let xx = 0; xx < 3; xx++)
      for (let c = 0; c < 4; c++) {
        let best = -Infinity;
        for (let i = 0; i < 2; i++)
          for (let j = 0; j < 2; j++) {
            const at = ((2 * y + i) * 6 + 2 * xx + j) * 4 + c;
            if (a1[at]! > best) [best, arg[(y * 3 + xx) * 4 + c]] = [a1[at]!, at];
          }
        o[(y * 3 + xx) * 4 + c] = best;
      }
  const z2 = new Float64Array(2 * 2 * 6);
  for (let y = 0; y < 2; y++)
    for (let xx = 0; xx < 2; xx++)
      for (let f = 0; f < 6; f++) {
        let s = b2[f]!;
        for (let i = 0; i < 2; i++)
          for (let j = 0; j < 2; j++)
            for (let c = 0; c < 4; c++)
              s += o[((y + i) * 3 + xx + j) * 4 + c]! * k2[((i * 2 + j) * 4 + c) * 6 + f]!;
        z2[(y * 2 + xx) * 6 + f] = s;
      }
  return { z1, a1, o, arg, z2 };
}

/**
 * The modified gradient of logit `target` at the input `x` (64 values), against the reference `x0` for DeepLIFT's
 * rules (pass x itself otherwise).
 * @example const g = referenceGradient(model, x, x, 0, { relu: (dy, z) => (z > 0 ? Math.max(dy, 0) : 0), pool: 'plain' });
 */
export function referenceGradient(
  model: tfl.LayersModel,
  x: ArrayLike<number>,
  x0: ArrayLike<number>,
  target: number,
  rules: ReferenceRules,
): Float64Array {
  const w = model.getWeights().map((t) => Float64Array.from(t.dataSync()));
  const [k1, , k2, , w3] = w as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const eps = rules.eps ?? 1e-10;
  const [f, r] = [forward(w, x), forward(w, x0)];
  // Dense read-out: the gradient at conv2's output, then its ReLU.
  const gz2 = f.z2.map((z, k) => rules.relu(w3[k * 4 + target]!, z, r.z2[k]!));
  // conv2 transposed: the gradient at the pool's output.
  const go = new Float64Array(3 * 3 * 4);
  for (let y = 0; y < 2; y++)
    for (let xx = 0; xx < 2; xx++)
      for (let q = 0; q < 6; q++)
        for (let i = 0; i < 2; i++)
          for (let j = 0; j < 2; j++)
            for (let c = 0; c < 4; c++)
              go[((y + i) * 3 + xx + j) * 4 + c]! +=
                gz2[(y * 2 + xx) * 6 + q]! * k2[((i * 2 + j) * 4 + c) * 6 + q]!;
  // Max pool: plain routes g to x's argmax; DeepLIFT routes g·(max(o, o0) − o0) there and g·(o − max(o, o0)) to
  // x0's argmax, then divides by the change of the pool input (the plain gradient where that change is below eps).
  const ga1 = new Float64Array(6 * 6 * 4);
  const routed = new Float64Array(6 * 6 * 4);
  go.forEach((g, k) => {
    ga1[f.arg[k]!]! += g;
    const top = Math.max(f.o[k]!, r.o[k]!);
    routed[f.arg[k]!]! += g * (top - r.o[k]!);
    routed[r.arg[k]!]! += g * (f.o[k]! - top);
  });
  if (rules.pool === 'deeplift')
    ga1.forEach((plain, k) => {
      const d = f.a1[k]! - r.a1[k]!;
      ga1[k] = Math.abs(d) < eps ? plain : routed[k]! / d;
    });
  const gz1 = f.z1.map((z, k) => rules.relu(ga1[k]!, z, r.z1[k]!));
  // conv1 transposed: the gradient at the input.
  const gx = new Float64Array(64);
  for (let y = 0; y < 6; y++)
    for (let xx = 0; xx < 6; xx++)
      for (let q = 0; q < 4; q++)
        for (let i = 0; i < 3; i++)
          for (let j = 0; j < 3; j++)
            gx[(y + i) * 8 + xx + j]! += gz1[(y * 6 + xx) * 4 + q]! * k1[(i * 3 + j) * 4 + q]!;
  return gx;
}

/** DeepLIFT's rescale rule at a ReLU: dy · Δrelu / Δz, or dy · relu′(z) where |Δz| < eps. */
export const rescaleRelu =
  (eps = 1e-10): ReluRule =>
  (dy, z, z0) =>
    Math.abs(z - z0) < eps ? (z > 0 ? dy : 0) : (dy * (relu(z) - relu(z0))) / (z - z0);
