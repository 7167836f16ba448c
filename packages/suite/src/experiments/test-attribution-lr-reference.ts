/** Test helper, not built: float64 reimplementations for attribution-vs-lr-template and attribution-deletion (ranks, ρ, LR maps, curves). */
import type { LrTemplates } from './lr-templates.js';

/** Average ranks (1-based; ties share the mean of the ranks they span), by sorting indices. */
export function averageRanks64(v: readonly number[]): Float64Array {
  const idx = v.map((_, i) => i).sort((a, b) => v[a]! - v[b]!);
  const ranks = new Float64Array(v.length);
  for (let s = 0; s < idx.length;) {
    let e = s;
    while (e + 1 < idx.length && v[idx[e + 1]!] === v[idx[s]!]) e++;
    for (let k = s; k <= e; k++) ranks[idx[k]!] = (s + e) / 2 + 1;
    s = e + 1;
  }
  return ranks;
}

/** Spearman's ρ in float64; 0 when either side is constant (as the experiment counts it). */
export function spearman64(a: readonly number[], b: readonly number[]): number {
  const ra = averageRanks64(a);
  const rb = averageRanks64(b);
  const n = a.length;
  const ma = ra.reduce((p, q) => p + q, 0) / n;
  const mb = rb.reduce((p, q) => p + q, 0) / n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i]! - ma) * (rb[i]! - mb);
    saa += (ra[i]! - ma) ** 2;
    sbb += (rb[i]! - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}

/** Mean over digits of ρ(map, w_k ⊙ (x − ref)) on the pixels where x ≠ ref, k = classes[i], in float64. */
export function meanRhoWithLr64(
  map: ArrayLike<number>,
  images: ArrayLike<number>,
  classes: readonly number[],
  lr: LrTemplates,
  ref: ArrayLike<number> | undefined,
): number {
  let sum = 0;
  classes.forEach((k, i) => {
    const a: number[] = [];
    const b: number[] = [];
    for (let j = 0; j < 784; j++) {
      const x = images[i * 784 + j]!;
      const r = ref === undefined ? 0 : ref[j]!;
      if (x === r) continue;
      a.push(map[i * 784 + j]!);
      b.push(lr.weights[k * 784 + j]! * (x - r));
    }
    sum += spearman64(a, b);
  });
  return sum / classes.length;
}

/** Trapezoid area under a curve on [0, 1] at the fractions round(jP / steps) / P. */
export function trapezoid64(values: readonly number[], pixels: number): number {
  const steps = values.length - 1;
  let area = 0;
  for (let j = 0; j < steps; j++) {
    const dt = (Math.round(((j + 1) * pixels) / steps) - Math.round((j * pixels) / steps)) / pixels;
    area += (dt * (values[j]! + values[j + 1]!)) / 2;
  }
  return area;
}

/** The deletion (to 0) and insertion (onto `canvas`) images of one digit for its map: most important first, ties by index. */
export function curveImages64(
  image: ArrayLike<number>,
  map: ArrayLike<number>,
  canvas: ArrayLike<number>,
  steps: number,
): { deletion: Float32Array[]; insertion: Float32Array[] } {
  const p = image.length;
  const order = Array.from({ length: p }, (_, j) => j).sort((a, b) => map[b]! - map[a]! || a - b);
  const deletion: Float32Array[] = [];
  const insertion: Float32Array[] = [];
  for (let s = 0; s <= steps; s++) {
    const k = Math.round((s * p) / steps);
    const d = Float32Array.from(image);
    const ins = Float32Array.from(canvas);
    for (const j of order.slice(0, k)) [d[j], ins[j]] = [0, image[j]!];
    deletion.push(d);
    insertion.push(ins);
  }
  return { deletion, insertion };
}
