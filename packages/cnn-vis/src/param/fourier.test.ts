import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@openbox/runtime';
import { expectArraysClose } from '@openbox/testing';
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

/**
 * numpy's frequencies, written out: `np.fft.fftfreq(h)[:, None]` and `np.fft.rfftfreq(w)`, and the magnitudes
 * `np.sqrt(fx**2 + fy**2)` printed by numpy 2.4 (float64 repr), row-major `[h, w//2 + 1]`.
 */
const NUMPY_FREQUENCIES: Record<string, { fy: number[]; fx: number[]; magnitude: number[][] }> = {
  '4x4': {
    fy: [0, 0.25, -0.5, -0.25],
    fx: [0, 0.25, 0.5],
    magnitude: [
      [0, 0.25, 0.5],
      [0.25, 0.3535533905932738, 0.5590169943749475],
      [0.5, 0.5590169943749475, 0.7071067811865476],
      [0.25, 0.3535533905932738, 0.5590169943749475],
    ],
  },
  '5x6': {
    fy: [0, 0.2, 0.4, -0.4, -0.2],
    fx: [0, 1 / 6, 2 / 6, 3 / 6],
    magnitude: [
      [0, 0.16666666666666666, 0.3333333333333333, 0.5],
      [0.2, 0.2603416558635552, 0.38873012632302, 0.5385164807134505],
      [0.4, 0.4333333333333334, 0.5206833117271104, 0.6403124237432849],
      [0.4, 0.4333333333333334, 0.5206833117271104, 0.6403124237432849],
      [0.2, 0.2603416558635552, 0.38873012632302, 0.5385164807134505],
    ],
  },
  '3x7': {
    fy: [0, 1 / 3, -1 / 3],
    fx: [0, 1 / 7, 2 / 7, 3 / 7],
    magnitude: [
      [0, 0.14285714285714285, 0.2857142857142857, 0.42857142857142855],
      [0.3333333333333333, 0.3626558621839956, 0.4390259265377565, 0.5429406786186372],
      [0.3333333333333333, 0.3626558621839956, 0.4390259265377565, 0.5429406786186372],
    ],
  },
};

describe('rfftFrequencies', () => {
  it.each([
    [4, 4],
    [5, 6],
    [3, 7],
  ])(
    'equals numpy’s |(fftfreq(h), rfftfreq(w))| for %i×%i, negative rows wrapped (max error < 1e-15)',
    (h, w) => {
      const want = NUMPY_FREQUENCIES[`${h}x${w}`]!;
      // The table's own consistency: its magnitudes are hypot(fy, fx) of its written-out frequencies.
      expect(want.fy).toHaveLength(h);
      expect(want.fx).toHaveLength(Math.floor(w / 2) + 1);
      expectArraysClose(
        want.magnitude,
        want.fy.map((fy) => want.fx.map((fx) => Math.sqrt(fx * fx + fy * fy))),
        1e-15,
        'numpy table',
      );
      // Measured: equal to numpy's doubles up to 1 ulp (max 1.1e-16, in the 5×6 table); tolerance 1e-15 (9×).
      expectArraysClose(rfftFrequencies(h, w), want.magnitude, 1e-15, `rfftFrequencies(${h}, ${w})`);
    },
  );
});

describe('inverseRealDft2d', () => {
  it.each([
    [8, 8],
    [7, 9],
    [28, 28],
    [6, 5],
  ])('equals an independent float64 inverse DFT for %i×%i (max error < 5e-7)', (h, w) => {
    const wf = Math.floor(w / 2) + 1;
    const re = randomValues(h * wf, h * 100 + w);
    const im = randomValues(h * wf, h * 100 + w + 1);
    const bases = dftBases(h, w);
    const out = tf.tidy(() => inverseRealDft2d(tf.tensor4d([...re, ...im], [2, h, 1, wf]), bases));
    const got = out.dataSync();
    const want = referenceIrfft2(re, im, h, w);
    // Measured max |error| 5.4e-8 (7×9) on wasm, 4.3e-8 on cpu; tolerance 5e-7 (~10×).
    expectArraysClose(got, want, 5e-7, `inverseRealDft2d ${h}×${w}`);
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
      const mine = Array.from({ length: h * w }, (_, j) => all[Math.floor(j / w)]![i]![j % w]!);
      // Measured max |error| 5.1e-8; tolerance 5e-7 (~10×).
      expectArraysClose(mine, want, 5e-7, `image ${i} of ${n}`);
    }
    tf.dispose([bases.x, bases.y]);
  });
});

/** Hand-set half spectra for fourierParam's params `[2, h, B, c, wf]`: small multiples of 1/2 and 1/3. */
const handRe = (ky: number, kx: number, ch: number, b: number) =>
  (((ky * 7 + kx * 3 + ch * 5 + b * 2) % 5) - 2) / 2;
const handIm = (ky: number, kx: number, ch: number, b: number) =>
  (((ky * 3 + kx * 5 + ch * 2 + b) % 7) - 3) / 3;

function handParams(b: number, h: number, c: number, wf: number): tf.Tensor {
  const values = new Float32Array(2 * h * b * c * wf);
  for (let part = 0; part < 2; part++)
    for (let ky = 0; ky < h; ky++)
      for (let bi = 0; bi < b; bi++)
        for (let ch = 0; ch < c; ch++)
          for (let kx = 0; kx < wf; kx++)
            values[(((part * h + ky) * b + bi) * c + ch) * wf + kx] = (part === 0 ? handRe : handIm)(
              ky,
              kx,
              ch,
              bi,
            );
  return tf.tensor(values, [2, h, b, c, wf]);
}

/**
 * Lucid's `fft_image` in numpy on the hand-set spectra, `[B, h, w, c]` row-major, printed rounded to 1e-12:
 *   fy, fx = np.fft.fftfreq(h)[:, None], np.fft.rfftfreq(w); f = np.sqrt(fx**2 + fy**2)
 *   scale = np.sqrt(w*h) / np.maximum(f, 1/max(w, h))**decay
 *   out[b, :, :, ch] = np.fft.irfft2(scale * (re + 1j*im), s=(h, w)) / 4   # re, im = handRe, handIm
 */
const NUMPY_FFT_IMAGE = [
  {
    shape: [1, 3, 4, 2] as const,
    decay: 1,
    image: [
      -0.262120651893, -0.262120651893, -0.209382067945, 0.290988165353, -0.146650598055, -0.146650598055,
      0.329478183299, -0.170892049999, 0.371632101417, 0.176813437266, -0.17124371258, 0.341765507897,
      -1.152128329286, -1.346946993438, 0.114026700177, -1.759345191996, -0.32601780047, -0.131199136319,
      -1.423593810693, 0.449778081481, -0.649778231174, -0.454959567022, 0.061676602065, -0.451332618412,
    ],
  },
  {
    shape: [2, 4, 3, 1] as const,
    decay: 2,
    image: [
      -0.793856620136, -1.433519814778, -2.102750584009, -1.455884928807, -1.209086698863, -2.819855929632,
      0.360843918244, -2.678819276399, 1.451949954371, -0.131828311465, -3.596414469154, 0.552816300076,
      0.272686973294, 1.609457142991, 2.880995604529, -2.216432879566, -0.506858247691, 2.00160329077,
      -2.360030254211, -3.710336665963, 0.441201795575, -0.892376262224, 0.705813982017, 1.774275520479,
    ],
  },
];

describe('fourierParam', () => {
  it.each(NUMPY_FFT_IMAGE)(
    'equals numpy’s Lucid fft_image on hand-set spectra for $shape, decay $decay',
    (c) => {
      const [b, h, w, ch] = c.shape;
      const param = fourierParam({ decay: c.decay })([b, h, w, ch], createRng(0));
      const spectra = handParams(b, h, ch, Math.floor(w / 2) + 1);
      param.params.assign(spectra);
      const image = tf.tidy(() => param.image());
      expect(image.shape).toEqual([b, h, w, ch]);
      // Measured max error 2.3e-7 (|x| ≤ 3.7: relative above 1, as expectArraysClose scales it); tolerance 2e-6 (~9×).
      expectArraysClose(image.dataSync(), c.image, 2e-6, `fourierParam ${c.shape.join('×')}`);
      tf.dispose([image, spectra]);
      param.dispose();
    },
  );

  it('one coefficient in a negative-frequency row: re X[ky = 3, kx = 1] = 1 on 4×4 is (√2/4)·cos(π(3y + t)/2)', () => {
    // |f| = |(−1/4, 1/4)| = √2/4, scale = √16 / (√2/4) = 8√2; the kx = 1 bin counts twice, so
    // x[y, t] = 2 · 8√2 · cos(2π(3y/4 + t/4)) / 16 / 4 = (√2/4) · cos(π(3y + t)/2). Without the wrap (fy = 3/4) the
    // amplitude would be 2·4/(√10/4)/64 = 0.158. Measured max |error| 6.1e-9; tolerance 1e-7 (16×, a few float32 ulps).
    const param = fourierParam()([1, 4, 4, 1], createRng(0));
    const values = new Float32Array(2 * 4 * 3);
    values[3 * 3 + 1] = 1;
    const spectra = tf.tensor(values, [2, 4, 1, 1, 3]);
    param.params.assign(spectra);
    const image = tf.tidy(() => param.image());
    const want = Array.from(
      { length: 16 },
      (_, i) => (Math.SQRT2 / 4) * Math.cos((Math.PI * (3 * Math.floor(i / 4) + (i % 4))) / 2),
    );
    expectArraysClose(image.dataSync(), want, 1e-7, 'single coefficient');
    tf.dispose([image, spectra]);
    param.dispose();
  });

  it('is the inverse DFT of the 1/f-scaled spectrum, divided by 4, laid out [B, h, w, c] (8×8, seeded spectra)', () => {
    const [b, h, w, c] = [2, 8, 8, 3];
    const param = fourierParam({ sd: 1, decay: 1 })([b, h, w, c], createRng(5));
    const spectra = param.params.dataSync(); // [2, h, b, c, wf]
    const image = tf.tidy(() => param.image());
    const got = image.dataSync();
    const wf = 5;
    // numpy's fftfreq(8) and rfftfreq(8), written out; scale = √(hw) / max(|f|, 1/8).
    const fy = [0, 0.125, 0.25, 0.375, -0.5, -0.375, -0.25, -0.125];
    const fx = [0, 0.125, 0.25, 0.375, 0.5];
    for (const [bi, ci] of [
      [0, 0],
      [1, 2],
    ] as const) {
      const re = new Float32Array(h * wf);
      const im = new Float32Array(h * wf);
      for (let ky = 0; ky < h; ky++)
        for (let kx = 0; kx < wf; kx++) {
          const scale = 8 / Math.max(Math.hypot(fy[ky]!, fx[kx]!), 1 / 8);
          re[ky * wf + kx] = spectra[(((0 * h + ky) * b + bi) * c + ci) * wf + kx]! * scale;
          im[ky * wf + kx] = spectra[(((1 * h + ky) * b + bi) * c + ci) * wf + kx]! * scale;
        }
      const want = Array.from(referenceIrfft2(re, im, h, w), (v) => v / 4);
      const mine = Array.from({ length: h * w }, (_, i) => got[(bi * h * w + i) * c + ci]!);
      // Measured max error 2.9e-7 (pixels up to 4.9, relative above 1); tolerance 3e-6 (~10×).
      expectArraysClose(mine, want, 3e-6, `image ${bi}, channel ${ci}`);
    }
    image.dispose();
    param.dispose();
  });
});
