import { describe, expect, it } from 'vitest';
import { makeLogisticData } from './make-logistic-data.js';
import { makeXorData } from './make-xor-data.js';
import { fitLogistic } from './test-fit-logistic.js';

/** Best accuracy of any half-plane rule (angles every 1°, every threshold, both sides). */
function bestLinearAccuracy(x: Float32Array, y: Int32Array): number {
  const n = y.length;
  const positives = y.reduce((a, b) => a + b, 0);
  let best = 0;
  for (let deg = 0; deg < 180; deg++) {
    const [c, s] = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
    const order = [...Array(n).keys()].sort(
      (i, j) => c * x[2 * i]! + s * x[2 * i + 1]! - (c * x[2 * j]! + s * x[2 * j + 1]!),
    );
    // Predict 1 above the threshold: correct = (negatives below) + (positives above).
    let negBelow = 0;
    let posBelow = 0;
    for (let k = 0; k <= n; k++) {
      const correct = negBelow + (positives - posBelow);
      best = Math.max(best, correct / n, (n - correct) / n);
      if (k < n) {
        if (y[order[k]!] === 1) posBelow++;
        else negBelow++;
      }
    }
  }
  return best;
}

describe('makeXorData', () => {
  const ds = makeXorData({ n: 2000, seed: 0 });

  it('has two features in (−1, 1) and balanced classes', () => {
    expect(ds.shape).toEqual([2000, 2]);
    expect(ds.features.every((v) => v > -1 && v < 1)).toBe(true);
    const ones = ds.target.reduce((a, b) => a + b, 0);
    expect(Math.abs(ones - 1000)).toBeLessThan(90); // 4 SE
  });

  it('the interaction x1·x2 gives the class exactly', () => {
    for (let i = 0; i < 2000; i++) {
      expect(ds.target[i]).toBe(ds.features[2 * i]! * ds.features[2 * i + 1]! < 0 ? 1 : 0);
    }
  });

  it('no linear model fits it: the logistic fit is at chance and the best half-plane is ≈ 2/3', () => {
    const [b, w1, w2] = fitLogistic(ds.features, ds.target, 2, 8);
    let correct = 0;
    for (let i = 0; i < 2000; i++) {
      const pred = b! + w1! * ds.features[2 * i]! + w2! * ds.features[2 * i + 1]! > 0 ? 1 : 0;
      if (pred === ds.target[i]) correct++;
    }
    expect(correct / 2000).toBeLessThan(0.58);
    expect(Math.abs(w1!) + Math.abs(w2!)).toBeLessThan(0.3);
    const best = bestLinearAccuracy(ds.features, ds.target);
    expect(best).toBeGreaterThan(0.6); // theory: 2/3, by cutting off one corner
    expect(best).toBeLessThan(0.72);
  });

  it('control: the same half-plane search does fit linearly separable data', () => {
    const linear = makeLogisticData({ n: 2000, weights: [30, 30], intercept: 0, seed: 0 });
    expect(bestLinearAccuracy(linear.features, linear.target)).toBeGreaterThan(0.97);
  });

  it('noise flips that fraction of labels', () => {
    const noisy = makeXorData({ n: 4000, seed: 1, noise: 0.1 });
    let flipped = 0;
    for (let i = 0; i < 4000; i++) {
      const rule = noisy.features[2 * i]! * noisy.features[2 * i + 1]! < 0 ? 1 : 0;
      if (rule !== noisy.target[i]) flipped++;
    }
    expect(Math.abs(flipped / 4000 - 0.1)).toBeLessThan(0.02); // ≈ 4 SE
  });

  it('same seed → same data; another seed differs; bad noise is rejected', () => {
    expect(makeXorData({ n: 20, seed: 3 }).features).toEqual(makeXorData({ n: 20, seed: 3 }).features);
    expect(makeXorData({ n: 20, seed: 4 }).features).not.toEqual(makeXorData({ n: 20, seed: 3 }).features);
    expect(() => makeXorData({ n: 20, seed: 3, noise: 0.5 })).toThrow(
      'makeXorData: options.noise must be a number in [0, 0.5), got 0.5',
    );
  });
});
