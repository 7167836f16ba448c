/** The error of model randomization: a `code` for programs, a message naming the function, layer and weight. */

/** What went wrong. */
export const MODEL_RANDOMIZATION_ERROR_CODES = [
  'invalid-argument',
  'undrawable-initializer',
  'bad-initializer-config',
  'unknown-weight',
] as const;
export type ModelRandomizationErrorCode = (typeof MODEL_RANDOMIZATION_ERROR_CODES)[number];

/** Thrown by `reinitializedCopy` and `cascadingRandomization` before any tensor is made. */
export class ModelRandomizationError extends Error {
  override readonly name = 'ModelRandomizationError';
  constructor(
    readonly code: ModelRandomizationErrorCode,
    message: string,
  ) {
    super(message);
  }
}
