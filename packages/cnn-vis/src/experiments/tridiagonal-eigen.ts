/** Eigenvalues and eigenvectors of a symmetric tridiagonal matrix by the implicit QL method (EISPACK tql2). */

/**
 * Eigen-decomposition of the symmetric tridiagonal matrix with diagonal `diagonal` (m values) and off-diagonal `off`
 * (off[i] joins rows i and i + 1; off[m − 1] is ignored), by implicit QL with Wilkinson shifts — EISPACK's tql2, as
 * ported in JAMA. Returns the eigenvalues (unsorted) and the `[m, m]` row-major matrix whose columns are the unit
 * eigenvectors. Float64; O(m³).
 * @example tridiagonalEigen(Float64Array.of(2, 2), Float64Array.of(1, 0)) // values 1 and 3
 */
export function tridiagonalEigen(
  diagonal: Float64Array,
  off: Float64Array,
): { values: Float64Array; vectors: Float64Array } {
  const m = diagonal.length;
  const d = Float64Array.from(diagonal);
  const e = new Float64Array(m);
  for (let i = 0; i < m - 1; i++) e[i] = off[i]!;
  const z = new Float64Array(m * m);
  for (let i = 0; i < m; i++) z[i * m + i] = 1;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < m; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let k = l;
    while (k < m - 1 && Math.abs(e[k]!) > eps * tst1) k++;
    if (k > l) {
      do {
        // Shift from the leading 2×2 block, then a QL sweep of rotations from k − 1 down to l.
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < m; i++) d[i] = d[i]! - h;
        f += h;
        p = d[k]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = k - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          for (let row = 0; row < m; row++) {
            const zi1 = z[row * m + i + 1]!;
            const zi = z[row * m + i]!;
            z[row * m + i + 1] = s * zi + c * zi1;
            z[row * m + i] = c * zi - s * zi1;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  return { values: d, vectors: z };
}
