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

/** Constant inverse-DFT bases: `y` is `[h, h]` = cos/sin(2π·y·ky/h); `x` is `[wf, w]` = c_kx/(hw)·cos/sin(2π·kx·t/w). */
export interface DftBases {
  readonly cy: tf.Tensor2D;
  readonly sy: tf.Tensor2D;
  readonly cx: tf.Tensor2D;
  readonly sx: tf.Tensor2D;
}

/** Builds the {@link DftBases} for an h×w image (caller disposes the four tensors). */
export function dftBases(h: number, w: number): DftBases {
  const wf = Math.floor(w / 2) + 1;
  const nyquist = w % 2 === 0 ? w / 2 : -1;
  const cy = new Float32Array(h * h);
  const sy = new Float32Array(h * h);
  for (let y = 0; y < h; y++) {
    for (let ky = 0; ky < h; ky++) {
      const angle = (2 * Math.PI * ((y * ky) % h)) / h;
      cy[y * h + ky] = Math.cos(angle);
      sy[y * h + ky] = Math.sin(angle);
    }
  }
  const cx = new Float32Array(wf * w);
  const sx = new Float32Array(wf * w);
  for (let kx = 0; kx < wf; kx++) {
    const weight = (kx === 0 || kx === nyquist ? 1 : 2) / (h * w);
    for (let t = 0; t < w; t++) {
      const angle = (2 * Math.PI * ((kx * t) % w)) / w;
      cx[kx * w + t] = Math.cos(angle) * weight;
      sx[kx * w + t] = Math.sin(angle) * weight;
    }
  }
  return { cy: tf.tensor2d(cy, [h, h]), sy: tf.tensor2d(sy, [h, h]), cx: tf.tensor2d(cx, [wf, w]), sx: tf.tensor2d(sx, [wf, w]) };
}

/**
 * Inverse real 2-D DFT of the half spectrum `X = re + i·im` (`[h, n, wf]` with n images side by side) as matmuls:
 * `x[y, ·, t] = (1/hw) Σ_ky Σ_kx c_kx · Re(X[ky, ·, kx] · e^{2πi(ky·y/h + kx·t/w)})`, with `c_kx = 1` at DC and Nyquist
 * and 2 otherwise — numpy's `irfft2` (the imaginary part of the DC/Nyquist columns is ignored, as there).
 * Returns `[h, n, w]`.
 */
export function inverseRealDft2d(re: tf.Tensor3D, im: tf.Tensor3D, bases: DftBases): tf.Tensor3D {
  return tf.tidy(() => {
    const [h, n, wf] = re.shape;
    const w = bases.cx.shape[1];
    const reFlat = tf.reshape(re, [h, n * wf]);
    const imFlat = tf.reshape(im, [h, n * wf]);
    // Along y (complex): Z = E_y X.
    const zRe = tf.reshape(tf.sub(tf.matMul(bases.cy, reFlat), tf.matMul(bases.sy, imFlat)), [h * n, wf]);
    const zIm = tf.reshape(tf.add(tf.matMul(bases.sy, reFlat), tf.matMul(bases.cy, imFlat)), [h * n, wf]);
    // Along x (real part only): Re(Z e^{iθ}) = zRe cos θ − zIm sin θ, weighted by c_kx / (hw).
    return tf.reshape(tf.sub(tf.matMul(zRe, bases.cx), tf.matMul(zIm, bases.sx)), [h, n, w]) as tf.Tensor3D;
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
    for (let i = 0; i < freqs.length; i++) scaleValues[i] = Math.sqrt(w * h) / Math.max(freqs[i]!, 1 / Math.max(w, h)) ** decay;
    const scaleT = tf.tensor3d(scaleValues, [h, 1, wf]); // broadcast over the n = B·c images
    const bases = dftBases(h, w);
    const params = variableFrom(normalArray(2 * h * b * c * wf, sd, rng), [2, h, b, c, wf]);
    const image = (): tf.Tensor4D =>
      tf.tidy(() => {
        const spectra = tf.reshape(params, [2, h, b * c, wf]);
        const re = tf.mul(tf.reshape(tf.slice(spectra, [0, 0, 0, 0], [1, -1, -1, -1]), [h, b * c, wf]), scaleT) as tf.Tensor3D;
        const im = tf.mul(tf.reshape(tf.slice(spectra, [1, 0, 0, 0], [1, -1, -1, -1]), [h, b * c, wf]), scaleT) as tf.Tensor3D;
        const pixels = tf.reshape(inverseRealDft2d(re, im, bases), [h, b, c, w]);
        return tf.div(tf.transpose(pixels, [1, 0, 3, 2]), 4) as tf.Tensor4D;
      });
    return { params, image, dispose: () => tf.dispose([params, scaleT, bases.cy, bases.sy, bases.cx, bases.sx]) };
  };
}
