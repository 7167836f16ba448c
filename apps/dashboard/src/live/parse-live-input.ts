/** `parseLiveInput`: the body of `POST /api/live/digit` checked and turned into one image's values (784 for a digit). */
import { HttpError } from '../http-error.js';
import { MESSAGES } from '../messages.js';
import { inputValues, MNIST_LIVE_MODEL } from './live-types.js';
import type { DigitSource, LiveAttributionRequest, LiveModelInfo } from './live-types.js';

/** The validated input: pixels plus the index and label when picked from the test digits. */
export interface LiveInput {
  readonly pixels: Float32Array;
  readonly index: number | null;
  readonly label: number | null;
  /** What to attribute, when the body named a `method`. */
  readonly attribution: LiveAttributionRequest | null;
  /** The picked image's file, when the source names one. */
  readonly file: string | null;
}

/**
 * `method` (one of `methods`) and `target` (an integer class in [0, classes − 1], or `null` / absent for the
 * predicted class; only with `method`), or a 400 naming the problem.
 */
function parseAttribution(
  body: object,
  methods: readonly string[],
  classes: number,
): LiveAttributionRequest | null {
  const { method, target } = body as { method?: unknown; target?: unknown };
  if (method === undefined) {
    if (target !== undefined) throw new HttpError(400, MESSAGES.liveTargetWithoutMethod, 'live-bad-input');
    return null;
  }
  if (typeof method !== 'string' || !methods.includes(method))
    throw new HttpError(400, MESSAGES.liveBadMethod(method, methods), 'live-bad-input');
  if (target === undefined || target === null) return { method, target: null };
  if (typeof target !== 'number' || !Number.isInteger(target) || target < 0 || target >= classes)
    throw new HttpError(400, MESSAGES.liveBadTarget(classes), 'live-bad-input');
  return { method, target };
}

/**
 * Accepts exactly one of `{ index }` (an integer in [0, digits.count − 1]) or `{ pixels }` (`inputValues(model)`
 * finite numbers in [0, 1]: 784 for a digit), and optionally `{ method, target }` (see `parseAttribution`;
 * `methods` are the ones the live model runs, default none); throws a 400 `HttpError` naming the problem otherwise.
 */
export function parseLiveInput(
  body: unknown,
  digits: DigitSource | undefined,
  methods: readonly string[] = [],
  model: LiveModelInfo = MNIST_LIVE_MODEL,
): LiveInput {
  // 1. One of index / pixels.
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, MESSAGES.liveBadJson, 'live-bad-input');
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(body, k);
  if (has('index') === has('pixels')) throw new HttpError(400, MESSAGES.liveOneOf, 'live-bad-input');
  const attribution = parseAttribution(body, methods, model.classNames.length);
  // 2. An index into the test digits.
  if (has('index')) {
    if (digits === undefined) throw new HttpError(400, MESSAGES.liveNoDigits, 'live-bad-input');
    const index = (body as { index: unknown }).index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= digits.count) {
      throw new HttpError(400, MESSAGES.liveBadIndex(digits.count), 'live-bad-input');
    }
    const digit = digits.get(index);
    return { pixels: digit.pixels, index, label: digit.label ?? null, attribution, file: digit.file ?? null };
  }
  // 3. Raw pixels.
  const raw = (body as { pixels: unknown }).pixels;
  const size = inputValues(model);
  if (!Array.isArray(raw) || raw.length !== size) {
    throw new HttpError(
      400,
      MESSAGES.liveBadPixelsLength(size, Array.isArray(raw) ? raw.length : 0),
      'live-bad-input',
    );
  }
  const pixels = new Float32Array(size);
  raw.forEach((v: unknown, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
      throw new HttpError(400, MESSAGES.liveBadPixel(i), 'live-bad-input');
    pixels[i] = v;
  });
  return { pixels, index: null, label: null, attribution, file: null };
}
