/** Test helper, not built: an independent float64 reference for the CNN experiments' numbers, read from their results. */
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ExperimentResult } from '../results-format.js';

/** The reference CNN's weights as float64 arrays (tfjs layouts: conv kernels `[kh, kw, in, out]`, dense `[in, out]`). */
export interface CnnWeights {
  readonly conv1: { readonly kernel: Float64Array; readonly bias: Float64Array };
  readonly conv2: { readonly kernel: Float64Array; readonly bias: Float64Array };
  readonly dense: { readonly kernel: Float64Array; readonly bias: Float64Array };
}

/** Reads conv1, conv2 and the dense layer `probs` of the reference architecture (runtime's `buildReferenceCnn`). */
export function cnnWeights(model: tfl.LayersModel): CnnWeights {
  const read = (name: string) => {
    const [kernel, bias] = model.getLayer(name).getWeights();
    return { kernel: Float64Array.from(kernel!.dataSync()), bias: Float64Array.from(bias!.dataSync()) };
  };
  return { conv1: read('conv1'), conv2: read('conv2'), dense: read('probs') };
}

/** 'valid' 2-D correlation, stride 1, of `[h, w, cin]` with a `[k, k, cin, cout]` kernel plus bias: `[h−k+1, w−k+1, cout]`. */
function conv(x: Float64Array, h: number, w: number, cin: number, k: number, wts: CnnWeights['conv1']) {
  const cout = wts.bias.length;
  const oh = h - k + 1;
  const ow = w - k + 1;
  const out = new Float64Array(oh * ow * cout);
  for (let y = 0; y < oh; y++)
    for (let x0 = 0; x0 < ow; x0++) {
      const o = (y * ow + x0) * cout;
      for (let c = 0; c < cout; c++) out[o + c] = wts.bias[c]!;
      for (let dy = 0; dy < k; dy++)
        for (let dx = 0; dx < k; dx++)
          for (let ci = 0; ci < cin; ci++) {
            const v = x[((y + dy) * w + x0 + dx) * cin + ci]!;
            if (v === 0) continue;
            const base = ((dy * k + dx) * cin + ci) * cout;
            for (let c = 0; c < cout; c++) out[o + c] = out[o + c]! + v * wts.kernel[base + c]!;
          }
    }
  return out;
}

/** ReLU, then 2×2 max pooling with stride 2 ('valid'), of `[h, w, c]`. */
function reluPool(x: Float64Array, h: number, w: number, c: number): Float64Array {
  const oh = Math.floor(h / 2);
  const ow = Math.floor(w / 2);
  const out = new Float64Array(oh * ow * c);
  for (let y = 0; y < oh; y++)
    for (let x0 = 0; x0 < ow; x0++)
      for (let ch = 0; ch < c; ch++) {
        let m = 0; // max(relu(a)) = max(0, a...)
        for (let dy = 0; dy < 2; dy++)
          for (let dx = 0; dx < 2; dx++) m = Math.max(m, x[((2 * y + dy) * w + 2 * x0 + dx) * c + ch]!);
        out[(y * ow + x0) * c + ch] = m;
      }
  return out;
}

/** One 28×28 digit through the reference CNN in float64: conv2 before its ReLU (`[8, 8, 32]`) and the 10 logits. */
export function forward(
  weights: CnnWeights,
  image: ArrayLike<number>,
): { conv2Pre: Float64Array; logits: Float64Array } {
  const a1 = conv(Float64Array.from(image), 28, 28, 1, 5, weights.conv1); // [24, 24, 16]
  const p1 = reluPool(a1, 24, 24, 16); // [12, 12, 16]
  const conv2Pre = conv(p1, 12, 12, 16, 5, weights.conv2); // [8, 8, 32]
  const flat = reluPool(conv2Pre, 8, 8, 32); // [4, 4, 32], flattened row-major as tfjs's Flatten does
  const classes = weights.dense.bias.length;
  const logits = Float64Array.from(weights.dense.bias);
  for (let i = 0; i < flat.length; i++)
    for (let k = 0; k < classes; k++)
      logits[k] = logits[k]! + flat[i]! * weights.dense.kernel[i * classes + k]!;
  return { conv2Pre, logits };
}

/** The two units the quick CNN experiments study (`logits:3`, `conv2:pre:0`), computed from {@link forward}. */
export const UNIT_VALUE: Record<string, (f: ReturnType<typeof forward>) => number> = {
  'logits:3': (f) => f.logits[3]!,
  // Channel objective: the mean over the 8×8 positions of channel 0.
  'conv2:pre:0': (f) => {
    let s = 0;
    for (let p = 0; p < 64; p++) s += f.conv2Pre[p * 32]!;
    return s / 64;
  },
};

/** Pearson correlation of two equal-length arrays, float64, two passes. */
export function pearson64(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) ((ma += a[i]!), (mb += b[i]!));
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Mean Pearson correlation over all pairs of `images`. */
export function meanPairwisePearson(images: readonly ArrayLike<number>[]): number {
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < images.length; i++)
    for (let j = i + 1; j < images.length; j++) ((total += pearson64(images[i]!, images[j]!)), pairs++);
  return total / pairs;
}

/** Squared L2 distance, float64. */
export function squaredDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return s;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Half a unit in the 4th significant digit of `value`: the most that the results' `round4` moves a metric. A metric
 * `m` reported for an exact value `x` satisfies |m − x| ≤ halfLastDigit(x) (+ the float error of computing x).
 */
export function halfLastDigit(value: number): number {
  return 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(value))) - 3);
}

type GalleryRecord = { image: string; row: number; col: number; value: number };

/** The `h × w` image labelled `label` in an `imageGallery` chart of `result`, row-major (throws when incomplete). */
export function galleryImage(
  result: ExperimentResult,
  chartId: string,
  label: string,
  h = 28,
  w = 28,
): Float64Array {
  const chart = result.charts.find((c) => c.id === chartId);
  if (chart === undefined) throw new Error(`no chart '${chartId}' in ${result.id}`);
  const records = (chart.spec as unknown as { data: { values: GalleryRecord[] } }).data.values;
  const out = new Float64Array(h * w).fill(Number.NaN);
  let seen = 0;
  for (const r of records)
    if (r.image === label) {
      out[r.row * w + r.col] = r.value;
      seen++;
    }
  if (seen !== h * w || out.some(Number.isNaN))
    throw new Error(`chart '${chartId}' of ${result.id} has ${seen} of ${h * w} cells of '${label}'`);
  return out;
}

/** The labels of an `imageGallery` chart, in drawing order. */
export function galleryLabels(result: ExperimentResult, chartId: string): string[] {
  const chart = result.charts.find((c) => c.id === chartId);
  if (chart === undefined) throw new Error(`no chart '${chartId}' in ${result.id}`);
  return (chart.spec as unknown as { facet: { sort: string[] } }).facet.sort;
}

/** The 4-neighbour Laplacian of `[h, w]` ('valid'): up + down + left + right − 4·centre, written out, float64. */
export function laplacian64(image: ArrayLike<number>, h: number, w: number): Float64Array {
  const out = new Float64Array((h - 2) * (w - 2));
  const at = (y: number, x: number) => image[y * w + x]!;
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++)
      out[(y - 1) * (w - 2) + x - 1] =
        at(y - 1, x) + at(y + 1, x) + at(y, x - 1) + at(y, x + 1) - 4 * at(y, x);
  return out;
}

/**
 * The 3×3 patches of `[h, w]` images that are not all background (some pixel > 0), each as its 9 pixels read column by
 * column (x outer, y inner — another order than the code's), with its label: edge when max − min ≥ `edgeRange`.
 */
export function foregroundPatches64(
  images: readonly ArrayLike<number>[],
  h: number,
  w: number,
  edgeRange: number,
): { patches: Float64Array[]; edge: boolean[]; background: number } {
  const patches: Float64Array[] = [];
  const edge: boolean[] = [];
  let background = 0;
  for (const image of images)
    for (let y = 0; y + 3 <= h; y++)
      for (let x = 0; x + 3 <= w; x++) {
        const p = new Float64Array(9);
        for (let dx = 0; dx < 3; dx++)
          for (let dy = 0; dy < 3; dy++) p[dx * 3 + dy] = image[(y + dy) * w + x + dx]!;
        const sorted = Array.from(p).sort((a, b) => a - b);
        if (sorted[8]! === 0) background++;
        else (patches.push(p), edge.push(sorted[8]! - sorted[0]! >= edgeRange));
      }
  return { patches, edge, background };
}

/** Σ k·p for a patch from {@link foregroundPatches64} and a row-major 3×3 kernel (9 weights), float64. */
export function patchResponse64(patch: Float64Array, kernel: readonly number[]): number {
  let s = 0;
  for (let dx = 0; dx < 3; dx++)
    for (let dy = 0; dy < 3; dy++) s += kernel[dy * 3 + dx]! * patch[dx * 3 + dy]!;
  return s;
}

/**
 * ROC AUC by counting pairs: for each positive, the negatives strictly below it plus half those equal, found by binary
 * search in the sorted negatives; divided by n₊·n₋.
 */
export function aucByCounting(positives: readonly number[], negatives: readonly number[]): number {
  const sorted = [...negatives].sort((a, b) => a - b);
  const firstAtLeast = (v: number, strict: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? sorted[mid]! <= v : sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let won = 0;
  for (const v of positives) {
    const below = firstAtLeast(v, false);
    won += below + 0.5 * (firstAtLeast(v, true) - below);
  }
  return won / (positives.length * sorted.length);
}

/**
 * ‖∇‖₂ of Σᵢ −log softmax(b + W xᵢ)[yᵢ] + (l2/2)·‖W‖² (intercepts not penalized) over the first `rows` images of
 * 784 pixels, float64: ∂/∂b_k = Σᵢ (p_ik − 1[yᵢ = k]), ∂/∂W_kj = Σᵢ (p_ik − 1[yᵢ = k]) x_ij + l2·W_kj.
 */
export function multinomialGradientNorm(
  weights: readonly number[],
  intercepts: readonly number[],
  l2: number,
  features: Float32Array,
  target: ArrayLike<number>,
  rows: number,
): number {
  const classes = intercepts.length;
  const d = weights.length / classes;
  const gw = Float64Array.from(weights, (w) => l2 * w);
  const gb = new Float64Array(classes);
  const z = new Float64Array(classes);
  for (let i = 0; i < rows; i++) {
    const x = features.subarray(i * d, (i + 1) * d);
    let max = -Infinity;
    for (let k = 0; k < classes; k++) {
      let s = intercepts[k]!;
      for (let j = 0; j < d; j++) s += weights[k * d + j]! * x[j]!;
      z[k] = s;
      max = Math.max(max, s);
    }
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += z[k] = Math.exp(z[k]! - max);
    for (let k = 0; k < classes; k++) {
      const r = z[k]! / sum - (target[i] === k ? 1 : 0);
      gb[k] = gb[k]! + r;
      for (let j = 0; j < d; j++) gw[k * d + j] = gw[k * d + j]! + r * x[j]!;
    }
  }
  return Math.hypot(...gb, ...gw);
}

/** The series of an `objectiveCurves` chart: unit → values in step order. */
export function curveSeries(result: ExperimentResult, chartId: string): Map<string, number[]> {
  const chart = result.charts.find((c) => c.id === chartId);
  if (chart === undefined) throw new Error(`no chart '${chartId}' in ${result.id}`);
  const records = (
    chart.spec as unknown as { data: { values: { unit: string; step: number; value: number }[] } }
  ).data.values;
  const series = new Map<string, { step: number; value: number }[]>();
  for (const r of records) series.set(r.unit, [...(series.get(r.unit) ?? []), r]);
  return new Map([...series].map(([u, s]) => [u, s.sort((a, b) => a.step - b.step).map((p) => p.value)]));
}
