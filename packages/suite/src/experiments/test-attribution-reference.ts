/**
 * Test helper, not built: float64 reimplementations of the map similarities of Adebayo et al. 2018 that
 * `@openbox/attribution`'s `compareMaps` computes in float32 tensors — Spearman's ρ of |Φ| (average ranks of ties)
 * and SSIM of |Φ| / max |Φ| (Gaussian 11×11 window, σ 1.5, clipped at the borders and renormalized; C1 = (0.01 L)²,
 * C2 = (0.03 L)², L the pair's data range) — written from the definitions, one 28×28 map at a time.
 */

/** 1-based average ranks: ties share the mean of the ranks they span. */
export function averageRanks64(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

/** Spearman's ρ of |a| and |b|. */
export function spearmanAbs64(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const abs = (x: ArrayLike<number>) => Float64Array.from(x, (v) => Math.abs(v));
  return pearson(averageRanks64(abs(a)), averageRanks64(abs(b)));
}

/** SSIM of |a| / max |a| and |b| / max |b| (h × w maps, one channel). */
export function ssimAbs64(a: ArrayLike<number>, b: ArrayLike<number>, h: number, w: number): number {
  const unit = (x: ArrayLike<number>) => {
    const abs = Float64Array.from(x, (v) => Math.abs(v));
    const top = Math.max(...abs);
    return top > 0 ? abs.map((v) => v / top) : abs;
  };
  const [x, y] = [unit(a), unit(b)];
  const all = [...x, ...y];
  const range = Math.max(...all) - Math.min(...all);
  const L = range > 0 ? range : 1;
  const [c1, c2] = [(0.01 * L) ** 2, (0.03 * L) ** 2];
  const g = (d: number) => Math.exp(-(d * d) / (2 * 1.5 * 1.5));
  let total = 0;
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) {
      let [m, mx, my, sxx, syy, sxy] = [0, 0, 0, 0, 0, 0];
      for (let di = -5; di <= 5; di++)
        for (let dj = -5; dj <= 5; dj++) {
          const [r, c] = [i + di, j + dj];
          if (r < 0 || r >= h || c < 0 || c >= w) continue;
          const k = g(di) * g(dj);
          const [u, v] = [x[r * w + c]!, y[r * w + c]!];
          m += k;
          mx += k * u;
          my += k * v;
          sxx += k * u * u;
          syy += k * v * v;
          sxy += k * u * v;
        }
      [mx, my, sxx, syy, sxy] = [mx / m, my / m, sxx / m, syy / m, sxy / m];
      const [vx, vy, cxy] = [sxx - mx * mx, syy - my * my, sxy - mx * my];
      total += ((2 * mx * my + c1) * (2 * cxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
    }
  return total / (h * w);
}
