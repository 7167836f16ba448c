/**
 * Test helper, not built: an independent float64 reference for the tabular experiments — a Dense net's forward pass
 * from its weights, logit P(class), and Shapley values and interaction values by brute force over coalitions,
 * written from the definitions (not from `@openbox/tabular`'s code).
 */
import * as tfl from '@tensorflow/tfjs-layers';

/** One Dense layer in float64: kernel `[in, out]` row-major (tfjs layout), bias, activation name. */
export interface DenseLayer64 {
  readonly kernel: Float64Array;
  readonly bias: Float64Array;
  readonly inputs: number;
  readonly units: number;
  readonly activation: string;
}

/** Every Dense layer of `model`, in order, read as float64. */
export function denseLayers(model: tfl.LayersModel): DenseLayer64[] {
  return model.layers.map((layer) => {
    const [kernel, bias] = layer.getWeights();
    const [inputs, units] = kernel!.shape as [number, number];
    return {
      kernel: Float64Array.from(kernel!.dataSync()),
      bias: Float64Array.from(bias!.dataSync()),
      inputs,
      units,
      activation: String((layer.getConfig() as { activation?: unknown }).activation),
    };
  });
}

/** The last layer's pre-activations (logits) of one row, in float64; hidden layers apply relu, tanh or linear. */
export function logits64(layers: readonly DenseLayer64[], row: ArrayLike<number>): Float64Array {
  let h = Float64Array.from(row);
  layers.forEach((l, i) => {
    const out = Float64Array.from(l.bias);
    for (let a = 0; a < l.inputs; a++)
      for (let b = 0; b < l.units; b++) out[b]! += h[a]! * l.kernel[a * l.units + b]!;
    if (i < layers.length - 1)
      for (let b = 0; b < l.units; b++)
        out[b] =
          l.activation === 'relu'
            ? Math.max(0, out[b]!)
            : l.activation === 'tanh'
              ? Math.tanh(out[b]!)
              : out[b]!;
    h = out;
  });
  return h;
}

/** log P(k) / (1 − P(k)) from logits: a one-unit sigmoid's own logit (k = 1) or softmax's z_k − log Σ_{j≠k} e^{z_j}. */
export function classLogit(z: Float64Array, k: number): number {
  if (z.length === 1) return k === 1 ? z[0]! : -z[0]!;
  let rest = 0;
  for (let j = 0; j < z.length; j++) if (j !== k) rest += Math.exp(z[j]!);
  return z[k]! - Math.log(rest);
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** v(S) = mean over background rows b of f(x_S, b_¬S), S a bit mask. */
function coalitionValue(
  f: (row: Float64Array) => number,
  x: ArrayLike<number>,
  background: readonly Float64Array[],
  mask: number,
): number {
  let sum = 0;
  for (const b of background) {
    const row = Float64Array.from(b, (v, j) => ((mask >> j) & 1 ? x[j]! : v));
    sum += f(row);
  }
  return sum / background.length;
}

/** All 2^d coalition values of one row. */
export function allCoalitions(
  f: (row: Float64Array) => number,
  x: ArrayLike<number>,
  background: readonly Float64Array[],
): Float64Array {
  const d = x.length;
  return Float64Array.from({ length: 2 ** d }, (_, mask) => coalitionValue(f, x, background, mask));
}

/** Shapley's formula, looped: φ_j = Σ_{S ∌ j} |S|!(d−|S|−1)!/d! (v(S ∪ j) − v(S)). */
export function bruteShapley(v: Float64Array, d: number): Float64Array {
  const size = (m: number) =>
    m
      .toString(2)
      .split('')
      .filter((c) => c === '1').length;
  return Float64Array.from({ length: d }, (_, j) => {
    let phi = 0;
    for (let s = 0; s < 2 ** d; s++) {
      if ((s >> j) & 1) continue;
      phi += ((factorial(size(s)) * factorial(d - size(s) - 1)) / factorial(d)) * (v[s | (1 << j)]! - v[s]!);
    }
    return phi;
  });
}

/**
 * Lundberg et al. 2020's interaction values, looped: Φ_ij = Σ_{S ⊆ N∖{i,j}} |S|!(d−|S|−2)!/(2(d−1)!) ·
 * (v(S∪{i,j}) − v(S∪i) − v(S∪j) + v(S)) for i ≠ j, and Φ_ii = φ_i − Σ_{j≠i} Φ_ij. Row-major d × d.
 */
export function bruteInteractions(v: Float64Array, d: number): Float64Array {
  const size = (m: number) =>
    m
      .toString(2)
      .split('')
      .filter((c) => c === '1').length;
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      if (i === j) continue;
      let sum = 0;
      for (let s = 0; s < 2 ** d; s++) {
        if ((s >> i) & 1 || (s >> j) & 1) continue;
        const w = (factorial(size(s)) * factorial(d - size(s) - 2)) / (2 * factorial(d - 1));
        sum += w * (v[s | (1 << i) | (1 << j)]! - v[s | (1 << i)]! - v[s | (1 << j)]! + v[s]!);
      }
      out[i * d + j] = sum;
    }
  const phi = bruteShapley(v, d);
  for (let i = 0; i < d; i++) {
    let off = 0;
    for (let j = 0; j < d; j++) if (j !== i) off += out[i * d + j]!;
    out[i * d + i] = phi[i]! - off;
  }
  return out;
}

/** Pearson's r written out again (two passes), for checking the experiments' own. */
export function pearson64(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const ma = Array.from(a).reduce((s, v) => s + v, 0) / n;
  const mb = Array.from(b).reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

/** An untrained MLP of the experiments' shape (`TABULAR_MLP_HIDDEN`, ReLU, Glorot-uniform, as `trainMlp` builds it). */
export function untrainedMlp(
  features: number,
  hidden: readonly number[],
  classes: number,
  seed: number,
): tfl.LayersModel {
  const sizes = [...hidden, classes === 2 ? 1 : classes];
  return tfl.sequential({
    layers: sizes.map((units, i) =>
      tfl.layers.dense({
        ...(i === 0 ? { inputShape: [features] } : {}),
        units,
        activation: i === sizes.length - 1 ? (classes === 2 ? 'sigmoid' : 'softmax') : 'relu',
        // Fixed names, as trainMlp's: reinitializedCopy draws each layer's weights from its name.
        name: i === sizes.length - 1 ? 'out' : `hidden${i + 1}`,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + i }),
      }),
    ),
  });
}
