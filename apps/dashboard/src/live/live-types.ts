/** The contract of the live endpoint: the injected model function, its response, the model it runs and its images. */

/** Side of an MNIST digit; inputs are `DIGIT_SIDE²` = 784 grey levels in [0, 1], row-major. */
export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;
/** Number of classes the reference live model scores. */
export const DIGIT_CLASSES = 10;

/**
 * What the live endpoint's model takes and scores: one image of `inputShape` = `[height, width, channels]` sent as
 * `height·width·channels` values in [0, 1] (row-major, channels last: the picture as shown, before the model's own
 * preprocessing), and one class per name. The live function's attribution has one value per pixel (`height·width`).
 */
export interface LiveModelInfo {
  readonly inputShape: readonly [number, number, number];
  /** One name per class the model scores (`probabilities` has this length). */
  readonly classNames: readonly string[];
  /** Whether responses carry the logistic-regression template scores (`lrScores`, one per class; else empty). */
  readonly lrTemplates: boolean;
  /** What the page names the model and its preprocessing, e.g. `model.json (scale 0-1)`. Default: none. */
  readonly description?: string;
  /** Draw the values as ink on paper (1 → black), as MNIST digits are shown. Default false: 1 → white. */
  readonly ink?: boolean;
}

/** The reference model: MNIST digits (28×28×1), classes `0`…`9`, with the LR templates. */
export const MNIST_LIVE_MODEL: LiveModelInfo = {
  inputShape: [DIGIT_SIDE, DIGIT_SIDE, 1],
  classNames: Array.from({ length: DIGIT_CLASSES }, (_, k) => String(k)),
  lrTemplates: true,
  ink: true,
};

/** Values of one input image (`height·width·channels`). */
export const inputValues = (model: LiveModelInfo): number =>
  model.inputShape[0] * model.inputShape[1] * model.inputShape[2];
/** Values of one attribution map (`height·width`: summed over channels). */
export const mapValues = (model: LiveModelInfo): number => model.inputShape[0] * model.inputShape[1];

/** One layer's response to the digit: a flat list of values (e.g. each channel's mean activation). */
export interface LiveActivation {
  readonly layer: string;
  /** What one value is, e.g. `'mean activation per channel'`. */
  readonly description?: string;
  readonly values: readonly number[];
}

/** What to attribute: a method (one of `LiveOptions.methods`) and a class, or `null` for the predicted one. */
export interface LiveAttributionRequest {
  readonly method: string;
  readonly target: number | null;
}

/** The attribution of the digit: one value per pixel (signed or not, depending on the method). */
export interface LiveAttribution {
  readonly method: string;
  /** The class explained (the predicted one when the request's target was `null`). */
  readonly target: number;
  /** One value per pixel (`mapValues(model)`, 784 for a digit), row-major; the model's logit for `target` is explained. */
  readonly values: readonly number[];
}

/** What the live model computes for one digit. */
export interface LiveResponse {
  /** The model's class probabilities (one per class, summing to 1). */
  readonly probabilities: readonly number[];
  /** Per-layer activations (may be empty). */
  readonly activations: readonly LiveActivation[];
  /** The multinomial logistic-regression template scores (one logit per class), or `[]` without templates. */
  readonly lrScores: readonly number[];
  /** Present when the call asked for an attribution. */
  readonly attribution?: LiveAttribution;
}

/**
 * The injected model: one image's values in [0, 1] (`inputValues(model)`, 784 for a digit) → the response. Called one at a time by the dashboard's queue.
 * `signal` is aborted when the request timed out: a function that can stop its work (the worker-backed one
 * of `createWorkerLive` terminates its worker) should, and reject; others may ignore it. With `attribution`,
 * the response must carry `attribution` for that method and target (see `LiveOptions.methods`).
 */
export type LiveFunction = (
  input: Float32Array,
  signal?: AbortSignal,
  attribution?: LiveAttributionRequest,
) => Promise<LiveResponse>;

/** Test images (digits, or the user's image folder) the page can pick by index. */
export interface DigitSource {
  /** Number of images; valid indices are 0 … count − 1. */
  readonly count: number;
  /**
   * The image's values in [0, 1] (`inputValues(model)`), its label (a class index) if known, and the file it was
   * read from, if any (shown by the picker).
   */
  get(index: number): { readonly pixels: Float32Array; readonly label?: number; readonly file?: string };
}

/** Options of the live endpoint (`createDashboardApp({ live })`). */
export interface LiveOptions {
  /**
   * The model function. Runs on the server's thread unless it hands the work off: use `createWorkerLive`
   * (or `referenceLive`) so a model computing does not delay pages.
   */
  readonly predict: LiveFunction;
  /** The digits `{ index }` picks from; without it only `{ pixels }` is accepted. */
  readonly digits?: DigitSource;
  /** The model's input and classes. Default {@link MNIST_LIVE_MODEL} (the reference CNN). */
  readonly model?: LiveModelInfo;
  /**
   * The attribution methods `predict` can run (`{ method }` must be one of them); default none, and a request
   * with `method` is a 400. `LIVE_METHODS` for a model built with `createLiveFunction`.
   */
  readonly methods?: readonly string[];
  /** Requests allowed to wait behind the running one; more are answered 503. Default 8. */
  readonly maxQueue?: number;
  /** A request whose computation has not finished after this many ms is answered 504. Default 10,000. */
  readonly timeoutMs?: number;
}

/** The JSON the endpoint answers: the model response plus what was computed on and how long it took. */
export interface LiveDigitReply extends LiveResponse {
  readonly index: number | null;
  readonly label: number | null;
  /** The picked image's file (relative to its folder), when the source names one. */
  readonly file: string | null;
  readonly prediction: number;
  readonly pixels: readonly number[];
  readonly ms: number;
}
