/** The numbers the "your model" page computes in the browser, as it exposes them for tests and for saving. */

/** Which backend the page ran on, and why better ones were skipped. */
export interface OwnModelBackend {
  /** tfjs's name: `webgpu`, `webgl`, `wasm` or `cpu`. */
  readonly name: string;
  readonly skipped: readonly { readonly backend: string; readonly reason: string }[];
  /** 32, or 16 on a WebGL without float32 render targets. */
  readonly floatPrecision: number;
  /** `tf.backend().epsilon()`, the ε Adam adds to √v̂ (1e-7 at 32 bits). */
  readonly epsilon: number;
}

/** The first convolution's kernels, `[kh, kw, cin, cout]` row-major, and a summary of them. */
export interface OwnModelFilters {
  readonly layer: string;
  readonly shape: readonly number[];
  readonly kernel: readonly number[];
  readonly min: number;
  readonly max: number;
  /** Σ |w| over the kernel. */
  readonly absSum: number;
}

/** Activation maximization of channels `0 … n − 1` of one layer (cnn-vis `renderUnits` with a seed). */
export interface OwnModelActmax {
  readonly layer: string;
  readonly channels: readonly number[];
  readonly steps: number;
  readonly seed: number;
  /** Steps at which the objective was recorded (1, every 8th, the last). */
  readonly curveSteps: readonly number[];
  /** `curve[b][i]`: channel b's objective at `curveSteps[i]`, on that step's transformed image before its update. */
  readonly curve: readonly (readonly number[])[];
  /** The objective (mean channel activation) per channel on the final, untransformed image. */
  readonly finalValues: readonly number[];
  /** `[B, h, w, c]` of the images, in the parameterization's range (0..1). */
  readonly shape: readonly number[];
  /** The images, row-major, as numbers. */
  readonly images: readonly number[];
}

/** One method's attribution of every image for its predicted class. */
export interface OwnModelAttribution {
  /** `integrated-gradients` or `saliency` (`@openbox/attribution` registry names). */
  readonly method: string;
  /** `[n, h, w, c]` row-major, the model input's shape. */
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

/** One image as the model saw it. */
export interface OwnModelImage {
  readonly file: string;
  /** The class the model predicts (argmax of its output). */
  readonly predicted: number;
  /** Its output at the predicted class. */
  readonly score: number;
}

/** Everything in the `#own-model-results` JSON element once a run finished. */
export interface OwnModelResults {
  readonly backend: OwnModelBackend;
  readonly model: { readonly kind: string; readonly inputShape: readonly number[]; readonly layers: number };
  /** The pixel preprocessing applied after decoding and resizing (`0-1`, `-1-1` or `imagenet`). */
  readonly scale: string;
  /** Null when the model has no convolution with readable kernels ({@link OwnModelResults.filtersNote} says why). */
  readonly filters: OwnModelFilters | null;
  /** Why there are no filters (the error of cnn-vis `firstConvKernels`), or null. */
  readonly filtersNote: string | null;
  readonly actmax: OwnModelActmax;
  readonly images: readonly OwnModelImage[];
  /** The model inputs after the pixel pipeline, `[n, h, w, c]` row-major. */
  readonly inputs: readonly number[];
  readonly integratedGradientsSteps: number;
  readonly attributions: readonly OwnModelAttribution[];
  /** Milliseconds per phase, measured in the page. */
  readonly timings: Readonly<Record<string, number>>;
}

/** The id of the JSON element the page writes {@link OwnModelResults} into. */
export const OWN_MODEL_RESULTS_ID = 'own-model-results';
