/** Fourier parameterization: the image is an inverse real DFT of a 1/f^decay-scaled spectrum, done with real matmuls. */
import * as tf from '@tensorflow/tfjs-core';
import { normalArray, variableFrom, type Parameterization } from './parameterization.js';

/** Options for {@link fourierParam}. */
export interface FourierParamOptions {
  /** Standard deviation of the initial spectrum coefficients. Default 0.01 (Lucid). */
  readonly sd?: number;
  /** Spectrum scaled by `1 / max(f, 1/max(h, w))^decay`. Default 1 (Lucid's `decay_power`). */
  readonly decay?: number;
}

/** `|f|` for the half spectrum `[h, floor(w/2)+1]`, in cycles per pixel (numpy's `rfft2d_freqs`). */
export function rfftFrequencies(h: number, w: number): Float64Array {
  const wf = Math.floor(w / 2) + 1;
  const out = new Float64Array(h * wf);
  for (let ky = 0; ky < h; ky++) {
    const fy = (ky <= (h - 1) / 2 ? ky : ky - h) / h;
    for (let kx = 0; kx < wf; kx++) out[ky * wf + kx] = Math.hypot(fy, kx / w);
  }
  return out;
}

/**
 * Constant inverse-DFT bases as two real matrices:
 * `y` is `[2h, 2h]` = [[C, −S], [S, C]] with C/S = cos/sin(2π·y·ky/h), the complex y-transform acting on [re; im];
 * `x` is `[2wf, w]` = [c_kx·cos(2π·kx·t/w); −c_kx·sin(2π·kx·t/w)] / (hw), the real part of the x-transform.
 */
export interface DftBases {
  readonly y: tf.Tensor2D;
  readonly x: tf.Tensor2D;
}

/** Builds the {@link DftBases} for an h×w image (the caller disposes both tensors). */
export function dftBases(h: number, w: number): DftBases {
  const wf = Math.floor(w / 2) + 1;
  const nyquist = w % 2 === 0 ? w / 2 : -1;
  const y = new Float32Array(4 * h * h);
  for (let r = 0; r < h; r++) {
    for (let k = 0; k < h; k++) {
      const angle = (2 * Math.PI * ((r * k) % h)) / h;
      const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
      y[r * 2 * h + k] = cos; // re ← C re
      y[r * 2 * h + h + k] = -sin; // re ← −S im
      y[(h + r) * 2 * h + k] = sin; // im ← S re
      y[(h + r) * 2 * h + h + k] = cos; // im ← C im
    }
  }
  const x = new Float32Array(2 * wf * w);
  for (let kx = 0; kx < wf; kx++) {
    const weight = (kx === 0 || kx === nyquist ? 1 : 2) / (h * w);
    for (let t = 0; t < w; t++) {
      const angle = (2 * Math.PI * ((kx * t) % w)) / w;
      x[kx * w + t] = Math.cos(angle) * weight;
      x[(wf + kx) * w + t] = -Math.sin(angle) * weight;
    }
  }
  return { y: tf.tensor2d(y, [2 * h, 2 * h]), x: tf.tensor2d(x, [2 * wf, w]) };
}

/**
 * Inverse real 2-D DFT of half spectra `X = re + i·im` stacked as `spectra = [2, h, n, wf]` (n images side by side),
 * in two matmuls and one transpose:
 * `x[y, ·, t] = (1/hw) Σ_ky Σ_kx c_kx · Re(X[ky, ·, kx] · e^{2πi(ky·y/h + kx·t/w)})`, with `c_kx = 1` at DC and Nyquist
 * and 2 otherwise — numpy's `irfft2` (the imaginary part of the DC/Nyquist columns is ignored, as there).
 * Returns `[h, n, w]`.
 */
export function inverseRealDft2d(spectra: tf.Tensor4D, bases: DftBases): tf.Tensor3D {
  return tf.tidy(() => {
    const [, h, n, wf] = spectra.shape;
    const w = bases.x.shape[1];
    // Along y (complex, as a real [2h, 2h] matrix on [re; im]): Z = E_y X.
    const z = tf.matMul(bases.y, tf.reshape(spectra, [2 * h, n * wf]));
    // Along x (real part only): [zRe | zIm] · [c cos; −c sin] / (hw).
    const zRows = tf.reshape(tf.transpose(tf.reshape(z, [2, h, n, wf]), [1, 2, 0, 3]), [h * n, 2 * wf]);
    return tf.reshape(tf.matMul(zRows, bases.x), [h, n, w]) as tf.Tensor3D;
  });
}

/**
 * Lucid's `fft_image` without an FFT: params `[2, h, B, c, wf]` (real and imaginary half spectra) scaled by
 * `√(hw) / max(f, 1/max(h,w))^decay`, inverse-transformed with real DFT matmuls (tfjs has no FFT gradient), divided
 * by 4. Low frequencies dominate, which removes the high-frequency noise of pixel-space optimization
 * (Olah et al. 2017, "preconditioning").
 * @example sigmoidRange(decorrelateColors(fourierParam({ decay: 1 })))
 */
export function fourierParam(options: FourierParamOptions = {}): Parameterization {
  const sd = options.sd ?? 0.01;
  const decay = options.decay ?? 1;
  return ([b, h, w, c], rng) => {
    const wf = Math.floor(w / 2) + 1;
    const freqs = rfftFrequencies(h, w);
    const scaleValues = new Float32Array(h * wf);
    for (let i = 0; i < freqs.length; i++)
      scaleValues[i] = Math.sqrt(w * h) / Math.max(freqs[i]!, 1 / Math.max(w, h)) ** decay / 4; // ÷ 4 folded in
    const scaleT = tf.tensor3d(scaleValues, [h, 1, wf]); // broadcast over the n = B·c images
    const bases = dftBases(h, w);
    const params = variableFrom(normalArray(2 * h * b * c * wf, sd, rng), [2, h, b, c, wf]);
    const image = (): tf.Tensor4D =>
      tf.tidy(() => {
        const spectra = tf.mul(tf.reshape(params, [2, h, b * c, wf]), scaleT) as tf.Tensor4D;
        const pixels = tf.reshape(inverseRealDft2d(spectra, bases), [h, b, c, w]);
        // The ÷ 4 is in scaleT (a power of two: bit-identical, and one image-sized op and its gradient fewer).
        return tf.transpose(pixels, [1, 0, 3, 2]) as tf.Tensor4D;
      });
    return { params, image, dispose: () => tf.dispose([params, scaleT, bases.y, bases.x]) };
  };
}
