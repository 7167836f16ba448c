/** `ModelIoError`: the one error `loadModel` and `saveModel` throw, with the file (and layer) it concerns. */

/** Every kind of failure, declared once; `ModelIoError.code` is one of these. */
export const MODEL_IO_ERROR_CODES = [
  // reading a file (the codes of @openbox/safe-io)
  'invalid-argument',
  'missing-file',
  'not-a-regular-file',
  'too-large',
  'read-timeout',
  'read-failed',
  // model.json
  'bad-json',
  'graph-model',
  'not-layers-model',
  'not-graph-model',
  'bad-topology',
  'bad-weights-manifest',
  'weights-path-escapes',
  // weights
  'missing-weights',
  'weights-size-mismatch',
  'weight-shape-mismatch',
  'weights-mismatch',
  'non-finite-weights',
  // saving
  'no-weights',
  'write-failed',
  'disk-full',
] as const;

export type ModelIoErrorCode = (typeof MODEL_IO_ERROR_CODES)[number];

/**
 * Thrown for a model folder that cannot be read or written. The message is complete on its own (it names the file,
 * escaped, and the layer where one is at fault); `file` and `layer` repeat them and `code` the kind, for programs.
 * @example
 * try { await loadModel('cnn/model.json'); }
 * catch (e) { if (e instanceof ModelIoError && e.code === 'non-finite-weights') console.error(e.layer); }
 */
export class ModelIoError extends Error {
  override readonly name = 'ModelIoError';
  readonly code: ModelIoErrorCode;
  readonly file: string;
  readonly layer?: string;

  constructor(
    code: ModelIoErrorCode,
    message: string,
    file: string,
    options: { layer?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = file;
    if (options.layer !== undefined) this.layer = options.layer;
  }
}
