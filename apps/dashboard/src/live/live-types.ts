/** The contract of the live endpoint: the injected model function, its response, and the test digits. */

/** Side of an MNIST digit; inputs are `DIGIT_SIDE²` = 784 grey levels in [0, 1], row-major. */
export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;
/** Number of classes the live model scores. */
export const DIGIT_CLASSES = 10;

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
  /** `DIGIT_PIXELS` values, row-major like the pixels (the CNN's logit for `target` is what is explained). */
  readonly values: readonly number[];
}

/** What the live model computes for one digit. */
export interface LiveResponse {
  /** The CNN's class probabilities (10, summing to 1). */
  readonly probabilities: readonly number[];
  /** Per-layer activations (may be empty). */
  readonly activations: readonly LiveActivation[];
  /** The multinomial logistic-regression template scores (10 logits, one per class). */
  readonly lrScores: readonly number[];
  /** Present when the call asked for an attribution. */
  readonly attribution?: LiveAttribution;
}

/**
 * The injected model: 784 pixels in [0, 1] → the response. Called one at a time by the dashboard's queue.
 * `signal` is aborted when the request timed out: a function that can stop its work (the worker-backed one
 * of `createWorkerLive` terminates its worker) should, and reject; others may ignore it. With `attribution`,
 * the response must carry `attribution` for that method and target (see `LiveOptions.methods`).
 */
export type LiveFunction = (
  input: Float32Array,
  signal?: AbortSignal,
  attribution?: LiveAttributionRequest,
) => Promise<LiveResponse>;

/** Test digits the page can pick by index. */
export interface DigitSource {
  /** Number of digits; valid indices are 0 … count − 1. */
  readonly count: number;
  /** The digit's 784 pixels in [0, 1] and its label (0–9) if known. */
  get(index: number): { readonly pixels: Float32Array; readonly label?: number };
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
  readonly prediction: number;
  readonly pixels: readonly number[];
  readonly ms: number;
}
