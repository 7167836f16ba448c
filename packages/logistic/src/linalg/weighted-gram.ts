/**
 * The weighted Gram matrix X̃ᵀWX̃ of a row-major design with an intercept column (X̃ = [1, X]): the Newton/IRLS
 * Hessian of binary logistic regression. Fast because it is a symmetric rank-B update per block of B rows: the block
 * is copied once, transposed and scaled by √wᵢ (column-major, B·(d+1) doubles that stay in L1), then only the upper
 * triangle is formed as dot products over contiguous memory in 2 × 2 register blocks (4 independent sums, 4 loads per
 * 4 multiply-adds), and mirrored once at the end. Cost n·(d+1)(d+2)/2 multiply-adds, no allocation per
 * row. A strided subsample (every `stride`-th row, scaled by `scale`) gives a cheap Hessian estimate.
 */

/** Options of {@link weightedGram}. */
export interface WeightedGramOptions {
  /** Use rows 0, stride, 2·stride, … only. Default 1 (every row). */
  readonly stride?: number;
  /** Multiply the sum by this (e.g. n / rows used, for a subsample). Default 1. */
  readonly scale?: number;
}

/**
 * H = scale · Σᵢ wᵢ x̃ᵢx̃ᵢᵀ over the selected rows, x̃ᵢ = (1, xᵢ); `(d+1) × (d+1)` row-major, symmetric, intercept
 * first. `x` is `n × d` row-major; `weights` must be >= 0 (they enter as √wᵢ).
 * @example weightedGram(Float64Array.of(1, 2), 2, 1, Float64Array.of(1, 1)) // [[2, 3], [3, 5]]
 */
export function weightedGram(
  x: Float64Array,
  n: number,
  d: number,
  weights: Float64Array,
  options: WeightedGramOptions = {},
): Float64Array {
  const stride = options.stride ?? 1;
  const scale = options.scale ?? 1;
  const p = d + 1;
  const count = Math.ceil(n / stride);
  const B = Math.max(8, Math.min(256, Math.floor(4096 / p)));
  const t = new Float64Array(p * B);
  const h = new Float64Array(p * p);
  for (let start = 0; start < count; start += B) {
    const rows = Math.min(B, count - start);
    // 1. The block, transposed and scaled by √w: t[a·B + r] = √w_i · x̃_ia.
    for (let r = 0; r < rows; r++) {
      const i = (start + r) * stride;
      const s = Math.sqrt(weights[i]!);
      t[r] = s;
      const off = i * d;
      for (let j = 0, o = B + r; j < d; j++, o += B) t[o] = s * x[off + j]!;
    }
    // 2. Upper triangle h[a·p + b] += Σ_r t[a·B + r]·t[b·B + r], b >= a, for two rows a, a+1 at a time.
    upperUpdate(t, B, rows, p, h);
  }
  // 3. Scale the upper triangle and mirror it.
  for (let a = 0; a < p; a++)
    for (let b = a; b < p; b++) {
      const v = h[a * p + b]! * scale;
      h[a * p + b] = v;
      h[b * p + a] = v;
    }
  return h;
}

/**
 * h[a·p + b] += Σ_{r < rows} t[a·B + r]·t[b·B + r] for b >= a: 2 × 2 register blocks (4 loads per 4 multiply-adds,
 * 4 independent sums), the diagonal pair and odd remainders handled apart.
 */
function upperUpdate(t: Float64Array, B: number, rows: number, p: number, h: Float64Array): void {
  let a = 0;
  for (; a + 1 < p; a += 2) {
    const a0 = a * B;
    const a1 = a0 + B;
    const h0 = a * p;
    const h1 = h0 + p;
    let d00 = 0;
    let d01 = 0;
    let d11 = 0;
    for (let r = 0; r < rows; r++) {
      const u = t[a0 + r]!;
      const v = t[a1 + r]!;
      d00 += u * u;
      d01 += u * v;
      d11 += v * v;
    }
    h[h0 + a] = h[h0 + a]! + d00;
    h[h0 + a + 1] = h[h0 + a + 1]! + d01;
    h[h1 + a + 1] = h[h1 + a + 1]! + d11;
    let b = a + 2;
    for (; b + 1 < p; b += 2) {
      const b0 = b * B;
      const b1 = b0 + B;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let r = 0; r < rows; r++) {
        const u = t[a0 + r]!;
        const v = t[a1 + r]!;
        const e = t[b0 + r]!;
        const f = t[b1 + r]!;
        s00 += u * e;
        s01 += u * f;
        s10 += v * e;
        s11 += v * f;
      }
      h[h0 + b] = h[h0 + b]! + s00;
      h[h0 + b + 1] = h[h0 + b + 1]! + s01;
      h[h1 + b] = h[h1 + b]! + s10;
      h[h1 + b + 1] = h[h1 + b + 1]! + s11;
    }
    if (b < p) {
      const b0 = b * B;
      let s0 = 0;
      let s1 = 0;
      for (let r = 0; r < rows; r++) {
        const e = t[b0 + r]!;
        s0 += t[a0 + r]! * e;
        s1 += t[a1 + r]! * e;
      }
      h[h0 + b] = h[h0 + b]! + s0;
      h[h1 + b] = h[h1 + b]! + s1;
    }
  }
  if (a < p) {
    const a0 = a * B;
    let s = 0;
    for (let r = 0; r < rows; r++) s += t[a0 + r]! * t[a0 + r]!;
    h[a * p + a] = h[a * p + a]! + s;
  }
}
