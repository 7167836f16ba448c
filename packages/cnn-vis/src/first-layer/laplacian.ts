/** How well a 3×3 kernel's |response| separates edge from non-edge patches of real digits (ROC AUC), and its probes. */
import { MESSAGES } from '../messages.js';

/** A 3×3 kernel, `[y][x]`, applied as a CNN layer does: cross-correlation, no flip. */
export type Kernel3x3 = readonly [
  readonly [number, number, number],
  readonly [number, number, number],
  readonly [number, number, number],
];

/** The seed thread's kernel [[0,1,0],[1,−4,1],[0,1,0]] (the 4-neighbour discrete Laplacian). */
export const LAPLACIAN_KERNEL: Kernel3x3 = [
  [0, 1, 0],
  [1, -4, 1],
  [0, 1, 0],
];

/**
 * A patch is an edge when its 9 pixels span at least this much (max − min ≥ 0.5, on pixels in [0, 1]): half the
 * ink-to-paper contrast. The patch range is chosen because it favours no kernel: it sees neither a derivative order
 * nor an orientation (a Sobel-magnitude label, also measured, is itself a first-derivative filter and favours
 * gradient-like random kernels).
 */
export const EDGE_RANGE = 0.5;

/** Options of {@link edgeSeparation}. */
export interface EdgeSeparationOptions {
  /** The kernel under test. Default {@link LAPLACIAN_KERNEL}. */
  readonly kernel?: Kernel3x3;
  /** A non-background patch is an edge when max − min ≥ this. Default {@link EDGE_RANGE}. */
  readonly edgeRange?: number;
}

/** The kernel's response at the centre of five synthetic 3×3 patches (pixels 0 and 1). */
export interface KernelProbes {
  /** All pixels 0.7. */
  readonly flat: number;
  /** A horizontal step edge: top row 0, the two rows below 1. */
  readonly step: number;
  /** A ramp: columns 0, 0.5, 1. */
  readonly ramp: number;
  /** A vertical line: the middle column 1, the rest 0. */
  readonly line: number;
  /** A dot: the centre 1, the rest 0. */
  readonly dot: number;
}

/** What {@link edgeSeparation} measured. */
export interface EdgeSeparationReport {
  /** `[n, h − 2, w − 2]` 'valid' responses (float64), row-major. */
  readonly responses: Float64Array;
  readonly responseShape: readonly [number, number, number];
  /** 3×3 patches in all, n·(h − 2)·(w − 2). */
  readonly patches: number;
  /** Patches whose 9 pixels are all 0 (background); they are left out of the AUC. */
  readonly backgroundPatches: number;
  /** Non-background patches with range ≥ `edgeRange`, and those below it. */
  readonly edgePatches: number;
  readonly nonEdgePatches: number;
  readonly edgeRange: number;
  /**
   * {@link rocAuc} of |response| / Σ|k| on edge (positive) vs non-edge (negative) patches, scores within
   * {@link TIE_TOLERANCE} of each other tied: any non-zero multiple of the kernel gives the same AUC.
   */
  readonly auc: number;
  readonly meanAbsOnEdges: number;
  readonly meanAbsOnNonEdges: number;
  readonly probes: KernelProbes;
}

const FN = 'edgeSeparation';
/**
 * Scores |response| / Σ|k| that differ by at most this tie (chained in sorted order). Float32 pixels carry ~7
 * significant digits, so responses that agree to 1e-7 of Σ|k| are equal as far as the data can tell (0.3 + 0.2 and
 * 0.4 + 0.1 in float32 differ by 3e-8); float64 rounding of a scaled kernel moves a score by ~1e-15.
 */
export const TIE_TOLERANCE = 1e-7;

/**
 * 'valid' cross-correlation of `[n, h, w]` images with a 3×3 kernel, in float64:
 * out[i, y, x] = Σ_{dy, dx} k[dy][dx] · img[i, y + dy, x + dx].
 */
export function correlate3x3(
  images: ArrayLike<number>,
  n: number,
  h: number,
  w: number,
  kernel: Kernel3x3,
): Float64Array {
  const oh = h - 2;
  const ow = w - 2;
  const out = new Float64Array(n * oh * ow);
  for (let i = 0; i < n; i++)
    for (let y = 0; y < oh; y++)
      for (let x = 0; x < ow; x++) {
        let s = 0;
        for (let dy = 0; dy < 3; dy++)
          for (let dx = 0; dx < 3; dx++) s += kernel[dy]![dx]! * images[i * h * w + (y + dy) * w + x + dx]!;
        out[i * oh * ow + y * ow + x] = s;
      }
  return out;
}

/**
 * ROC AUC by the Mann–Whitney U statistic: the probability that a random positive scores above a random negative,
 * ties counted half — U / (n₊ · n₋) with U from mid-ranks. Scores tie when equal or, with `tieTolerance` > 0, when a
 * chain of sorted neighbours each at most `tieTolerance` apart joins them. NaN when either side is empty.
 * @example rocAuc([3, 2], [1, 2]) // (1 + 1 + 1 + 0.5) / 4 = 0.875
 */
export function rocAuc(positives: ArrayLike<number>, negatives: ArrayLike<number>, tieTolerance = 0): number {
  const np = positives.length;
  const nn = negatives.length;
  if (np === 0 || nn === 0) return NaN;
  const scores = new Float64Array(np + nn);
  for (let i = 0; i < np; i++) scores[i] = positives[i]!;
  for (let i = 0; i < nn; i++) scores[np + i] = negatives[i]!;
  const order = Array.from({ length: np + nn }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positiveRankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i + 1;
    while (j < order.length && scores[order[j]!]! - scores[order[j - 1]!]! <= tieTolerance) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (order[k]! < np) positiveRankSum += midRank;
    i = j;
  }
  return (positiveRankSum - (np * (np + 1)) / 2) / (np * nn);
}

/** The kernel's measured responses to the {@link KernelProbes} patches (each convolved, centre value). */
export function kernelProbes(kernel: Kernel3x3): KernelProbes {
  const patches = {
    flat: [0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7],
    step: [0, 0, 0, 1, 1, 1, 1, 1, 1],
    ramp: [0, 0.5, 1, 0, 0.5, 1, 0, 0.5, 1],
    line: [0, 1, 0, 0, 1, 0, 0, 1, 0],
    dot: [0, 0, 0, 0, 1, 0, 0, 0, 0],
  } satisfies Record<keyof KernelProbes, number[]>;
  const at = (p: number[]) => correlate3x3(p, 1, 3, 3, kernel)[0]!;
  return {
    flat: at(patches.flat),
    step: at(patches.step),
    ramp: at(patches.ramp),
    line: at(patches.line),
    dot: at(patches.dot),
  };
}

/**
 * Convolves `images` (`[n, h, w]`, pixels in [0, 1]) with `kernel` ('valid', float64), labels every 3×3 patch that is
 * not all background (some pixel > 0) edge (max − min ≥ `edgeRange`) or non-edge — a definition independent of the
 * kernel — and measures how well |response| separates the two: {@link rocAuc}, scale-free, so 0.1 × a kernel gives
 * the same AUC. Also reports the kernel's {@link kernelProbes}.
 * @example edgeSeparation(test.features.subarray(0, 64 * 784), 64, 28, 28).auc // ≈ 0.94 for the Laplacian
 */
export function edgeSeparation(
  images: Float32Array,
  n: number,
  h: number,
  w: number,
  options: EdgeSeparationOptions = {},
): EdgeSeparationReport {
  // 1. Options and input.
  const kernel = options.kernel ?? LAPLACIAN_KERNEL;
  const edgeRange = options.edgeRange ?? EDGE_RANGE;
  if (!(Number.isInteger(n) && n > 0 && h >= 3 && w >= 3 && images.length === n * h * w))
    throw new Error(MESSAGES.badImageBatch(FN, [n, h, w, images.length / Math.max(1, n * h * w)]));
  if (!(Number.isFinite(edgeRange) && edgeRange >= 0))
    throw new Error(MESSAGES.nonNegative(FN, 'edgeRange', edgeRange));
  // 2. Responses.
  const responses = correlate3x3(images, n, h, w, kernel);
  const oh = h - 2;
  const ow = w - 2;
  const totalWeight = kernel.flat().reduce((a, b) => a + Math.abs(b), 0);
  const toScore = totalWeight > 0 ? 1 / totalWeight : 1;
  // 3. Labels from the patches alone, and |response| per label.
  const onEdges: number[] = [];
  const onNonEdges: number[] = [];
  const scoresOnEdges: number[] = [];
  const scoresOnNonEdges: number[] = [];
  for (let i = 0; i < n; i++)
    for (let y = 0; y < oh; y++)
      for (let x = 0; x < ow; x++) {
        let lo = Infinity;
        let hi = -Infinity;
        for (let dy = 0; dy < 3; dy++)
          for (let dx = 0; dx < 3; dx++) {
            const v = images[i * h * w + (y + dy) * w + x + dx]!;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        if (!(hi > 0)) continue;
        const r = Math.abs(responses[i * oh * ow + y * ow + x]!);
        const edge = hi - lo >= edgeRange;
        (edge ? onEdges : onNonEdges).push(r);
        (edge ? scoresOnEdges : scoresOnNonEdges).push(r * toScore);
      }
  // 4. Separation and probes.
  const mean = (v: number[]) => (v.length === 0 ? NaN : v.reduce((a, b) => a + b, 0) / v.length);
  const patches = n * oh * ow;
  return {
    responses,
    responseShape: [n, oh, ow],
    patches,
    backgroundPatches: patches - onEdges.length - onNonEdges.length,
    edgePatches: onEdges.length,
    nonEdgePatches: onNonEdges.length,
    edgeRange,
    auc: rocAuc(scoresOnEdges, scoresOnNonEdges, TIE_TOLERANCE),
    meanAbsOnEdges: mean(onEdges),
    meanAbsOnNonEdges: mean(onNonEdges),
    probes: kernelProbes(kernel),
  };
}
