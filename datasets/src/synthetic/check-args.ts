/** Argument checks shared by the synthetic generators; each error names the function and the argument. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';

/** Throws unless `value` is an integer ≥ `min`. */
export function checkInteger(fn: string, arg: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, arg, `an integer ≥ ${min}`, value),
    );
  }
  return value;
}

/** Throws unless `value` is a finite number in [min, max). */
export function checkRange(fn: string, arg: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !(value >= min && value < max)) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, arg, `a number in [${min}, ${max})`, value),
    );
  }
  return value;
}

/** Throws unless `value` is a finite number. */
export function checkFinite(fn: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DatasetError('invalid-argument', MESSAGES.invalidArgument(fn, arg, 'a finite number', value));
  }
  return value;
}
