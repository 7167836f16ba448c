/** Test helper, not built: float64 readings of the reference CNN's units for `first-layer-easy-deeper-hard`. */
import { forward, type CnnWeights } from './test-cnn-reference.js';

/** conv1 before its ReLU at (y, x) of `channel` on a 28×28 image: b + Σ_{dy,dx} K[dy][dx][0][channel] · image. */
export function conv1Pre64(
  weights: CnnWeights,
  image: ArrayLike<number>,
  channel: number,
  y: number,
  x: number,
) {
  const cout = weights.conv1.bias.length;
  let s = weights.conv1.bias[channel]!;
  for (let dy = 0; dy < 5; dy++)
    for (let dx = 0; dx < 5; dx++)
      s += weights.conv1.kernel[(dy * 5 + dx) * cout + channel]! * image[(y + dy) * 28 + x + dx]!;
  return s;
}

/** Σ max(w, 0) + b of a conv1 filter: its largest value over images in [0, 1] (each pixel at 1 where w > 0). */
export function conv1BoxMax64(weights: CnnWeights, channel: number): number {
  const cout = weights.conv1.bias.length;
  let s = weights.conv1.bias[channel]!;
  for (let i = 0; i < 25; i++) s += Math.max(weights.conv1.kernel[i * cout + channel]!, 0);
  return s;
}

/** conv2 before its ReLU at (y, x) of `channel`, from `forward` of `test-cnn-reference.ts`. */
export function conv2Pre64(
  weights: CnnWeights,
  image: ArrayLike<number>,
  channel: number,
  y: number,
  x: number,
) {
  return forward(weights, image).conv2Pre[(y * 8 + x) * 32 + channel]!;
}

/**
 * The composite linear filter over the 28×28 pixels of conv2's unit (y, x, channel), written out as one sum: input
 * pixel (py, px) collects, for every conv2 tap (a, b) and conv1 channel k, the four conv1 positions pooled into pool1
 * (y + a, x + b) — each with weight 1/4 — and conv1's tap at the pixel's offset from that position:
 * G[py][px] = Σ_{a,b,k} K2[a][b][k][channel] · ¼ Σ_{u,v ∈ {0,1}} K1[py − 2(y+a) − u][px − 2(x+b) − v][0][k].
 */
export function conv2Composite64(weights: CnnWeights, channel: number, y: number, x: number): Float64Array {
  const g = new Float64Array(784);
  for (let py = 0; py < 28; py++)
    for (let px = 0; px < 28; px++) {
      let s = 0;
      for (let a = 0; a < 5; a++)
        for (let b = 0; b < 5; b++)
          for (let k = 0; k < 16; k++) {
            const k2 = weights.conv2.kernel[((a * 5 + b) * 16 + k) * 32 + channel]!;
            for (let u = 0; u < 2; u++)
              for (let v = 0; v < 2; v++) {
                const dy = py - 2 * (y + a) - u;
                const dx = px - 2 * (x + b) - v;
                if (dy >= 0 && dy < 5 && dx >= 0 && dx < 5)
                  s += (k2 * weights.conv1.kernel[(dy * 5 + dx) * 16 + k]!) / 4;
              }
          }
      g[py * 28 + px] = s;
    }
  return g;
}
