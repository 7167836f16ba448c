/** Test helper, not built: the `DatasetError` that `fn` throws (the test fails if it throws nothing or another kind). */
import { expect } from 'vitest';
import { DatasetError } from './dataset-error.js';

export function caught(fn: () => unknown): DatasetError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return e as DatasetError;
  }
  throw new Error('expected a DatasetError');
}
