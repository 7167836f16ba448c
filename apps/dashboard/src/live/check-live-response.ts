/** `checkLiveResponse`: the injected model's answer checked before it is sent (a broken model is a 500, not junk). */
import { HttpError } from '../http-error.js';
import { MESSAGES } from '../messages.js';
import { mapValues, MNIST_LIVE_MODEL } from './live-types.js';
import type { LiveAttribution, LiveAttributionRequest, LiveModelInfo, LiveResponse } from './live-types.js';

const finiteList = (v: unknown, length?: number): v is number[] =>
  Array.isArray(v) &&
  (length === undefined || v.length === length) &&
  v.every((x) => typeof x === 'number' && Number.isFinite(x));

/**
 * Returns a plain copy of the response with arrays of finite numbers: one probability per class of `model`, as many
 * LR scores (none when the model has no templates), and, when `asked`, the attribution for that method and target
 * (`mapValues(model)` finite values: 784 for a digit); throws a 500 `HttpError` otherwise.
 */
export function checkLiveResponse(
  r: LiveResponse,
  asked: LiveAttributionRequest | null = null,
  model: LiveModelInfo = MNIST_LIVE_MODEL,
): LiveResponse {
  const bad = (what: string): never => {
    throw new HttpError(500, MESSAGES.liveBadResponse(what), 'live-failed');
  };
  const classes = model.classNames.length;
  const scores = model.lrTemplates ? classes : 0;
  const pixels = mapValues(model);
  if (!finiteList(Array.from(r.probabilities ?? []), classes))
    bad(`probabilities must be ${classes} finite numbers`);
  if (!finiteList(Array.from(r.lrScores ?? []), scores)) bad(`lrScores must be ${scores} finite numbers`);
  if (!Array.isArray(r.activations)) bad('activations must be an array');
  const activations = r.activations.map((a, i) => {
    const values = Array.from(a.values ?? []);
    if (typeof a.layer !== 'string' || !finiteList(values))
      bad(`activations[${i}] must be { layer, values: finite numbers }`);
    return { layer: a.layer, ...(a.description !== undefined ? { description: a.description } : {}), values };
  });
  const response = {
    probabilities: Array.from(r.probabilities),
    lrScores: Array.from(r.lrScores),
    activations,
  };
  if (asked === null) return response;
  const a = r.attribution;
  const values = Array.from(a?.values ?? []);
  if (
    a === undefined ||
    a.method !== asked.method ||
    !Number.isInteger(a.target) ||
    a.target < 0 ||
    a.target >= classes ||
    (asked.target !== null && a.target !== asked.target) ||
    !finiteList(values, pixels)
  )
    bad(
      `attribution must be { method: ${JSON.stringify(asked.method)}, target, values: ${pixels} finite numbers }`,
    );
  const attribution: LiveAttribution = { method: asked.method, target: a!.target, values };
  return { ...response, attribution };
}
