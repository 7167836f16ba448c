/** `checkLiveResponse`: the injected model's answer checked before it is sent (a broken model is a 500, not junk). */
import { HttpError } from '../http-error.js';
import { MESSAGES } from '../messages.js';
import { DIGIT_CLASSES } from './live-types.js';
import type { LiveResponse } from './live-types.js';

const finiteList = (v: unknown, length?: number): v is number[] =>
  Array.isArray(v) &&
  (length === undefined || v.length === length) &&
  v.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Returns a plain copy of the response with arrays of finite numbers; throws a 500 `HttpError` otherwise. */
export function checkLiveResponse(r: LiveResponse): LiveResponse {
  const bad = (what: string): never => {
    throw new HttpError(500, MESSAGES.liveBadResponse(what), 'live-failed');
  };
  if (!finiteList(Array.from(r.probabilities ?? []), DIGIT_CLASSES))
    bad(`probabilities must be ${DIGIT_CLASSES} finite numbers`);
  if (!finiteList(Array.from(r.lrScores ?? []), DIGIT_CLASSES))
    bad(`lrScores must be ${DIGIT_CLASSES} finite numbers`);
  if (!Array.isArray(r.activations)) bad('activations must be an array');
  const activations = r.activations.map((a, i) => {
    const values = Array.from(a.values ?? []);
    if (typeof a.layer !== 'string' || !finiteList(values))
      bad(`activations[${i}] must be { layer, values: finite numbers }`);
    return { layer: a.layer, ...(a.description !== undefined ? { description: a.description } : {}), values };
  });
  return { probabilities: Array.from(r.probabilities), lrScores: Array.from(r.lrScores), activations };
}
