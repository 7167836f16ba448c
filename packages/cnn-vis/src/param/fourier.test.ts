import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@openbox/runtime';
import { randomValues, setupBackend } from '../test-models.js';
import { dftBases, fourierParam, inverseRealDft2d, rfftFrequencies } from './fourier.js';

beforeAll(setupBackend);

/** Independent float64 reference: x[y,t] = (1/hw) Σ_ky Σ_kx c_kx Re(X[ky,kx] e^{2πi(ky y/h + kx t/w)}). */
function referenceIrfft2(re: Float32Array, im: Float32Array, h: number, w: number): Float64Array {
  const wf = Math.floor(w / 2) + 1;
  const out = new Float64Array(h * w);
  for (let y = 0; y < h; y++) {
    for (let t = 0; t < w; t++) {
      let s = 0;
      for (let ky = 0; ky < h; ky++) {
        for (let kx = 0; kx < wf; kx++) {
          const c = kx === 0 || (w % 2 === 0 && kx === w / 2) ? 1 : 2;
          const phase = 2 * Math.PI * ((ky * y) / h + (kx * t) / w);
          s += c * (re[ky * wf + kx]! * Math.cos(phase) - im[ky * wf + kx]! * Math.sin(phase));
        }
      }
      out[y * w + t] = s / (h * w);
    }
  }
  return out;
}

describe('inverseRealDft2d', () => {
  it.each([
    [8, 8],
    [7, 9],
    [28, 28],
    [6, 5],
  ])('equals an independent float64 inverse DFT for %i×%i (max abs error < 1e-5)', (h, w) => {
    const wf = Math.floor(w / 2) + 1;
    const re = randomValues(h * wf, h * 100 + w);
    const im = randomValues(h * wf, h * 100 + w + 1);
    const bases = dftBases(h, w);
    const out = tf.tidy(() => inverseRealDft2d(tf.tensor4d([...re, ...im], [2, h, 1, wf]), bases));
    const got = out.dataSync();
    const want = referenceIrfft2(re, im, h, w);
    let maxErr = 0;
    for (let i = 0; i < want.length; i++) maxErr = Math.max(maxErr, Math.abs(got[i]! - want[i]!));
    expect(maxErr).toBeLessThan(1e-5);
    tf.dispose([out, bases.x, bases.y]);
  });
  it('handles several images side by side exactly as one at a time', () => {
    const [h, w, n] = [6, 6, 3];
    const wf = 4;
    const re = randomValues(h * n * wf, 1);
    const im = randomValues(h * n * wf, 2);
    const bases = dftBases(h, w);
    const all = tf
      .tidy(() => inverseRealDft2d(tf.tensor4d([...re, ...im], [2, h, n, wf]), bases))
      .arraySync() as number[][][];
    for (let i = 0; i < n; i++) {
      const pick = (src: Float32Array) =>
        Float32Array.from({ length: h * wf }, (_, j) => src[(Math.floor(j / wf) * n + i) * wf + (j % wf)]!);
      const want = referenceIrfft2(pick(re), pick(im), h, w);
      for (let y = 0; y < h; y++)
        for (let t = 0; t < w; t++) expect(all[y]![i]![t]!).toBeCloseTo(want[y * w + t]!, 5);
    }
    tf.dispose([bases.x, bases.y]);
  });
});

describe('fourierParam', () => {
  it('is the inverse DFT of the 1/f-scaled spectrum, divided by 4, laid out [B, h, w, c]', () => {
    const [b, h, w, c] = [2, 8, 8, 3];
    const param = fourierParam({ sd: 1, decay: 1 })([b, h, w, c], createRng(5));
    const spectra = param.params.dataSync(); // [2, h, b, c, wf]
    const image = tf.tidy(() => param.image());
    const got = image.dataSync();
    const wf = 5;
    const f = rfftFrequencies(h, w);
    for (const [bi, ci] of [
      [0, 0],
      [1, 2],
    ] as const) {
      const re = new Float32Array(h * wf);
      const im = new Float32Array(h * wf);
      for (let ky = 0; ky < h; ky++)
        for (let kx = 0; kx < wf; kx++) {
          const scale = Math.sqrt(h * w) / Math.max(f[ky * wf + kx]!, 1 / 8);
          re[ky * wf + kx] = spectra[(((0 * h + ky) * b + bi) * c + ci) * wf + kx]! * scale;
          im[ky * wf + kx] = spectra[(((1 * h + ky) * b + bi) * c + ci) * wf + kx]! * scale;
        }
      const want = referenceIrfft2(re, im, h, w);
      for (let i = 0; i < h * w; i++) expect(got[(bi * h * w + i) * c + ci]!).toBeCloseTo(want[i]! / 4, 3);
    }
    image.dispose();
    param.dispose();
  });
});
