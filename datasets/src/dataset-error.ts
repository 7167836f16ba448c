/** `DatasetError`: the one error type this package throws, with the file, row and column where it applies. */

/** Every kind of failure, declared once; `DatasetError.code` is one of these. */
export const DATASET_ERROR_CODES = [
  'invalid-argument',
  'missing-file',
  'not-a-file',
  'not-a-regular-file',
  'file-too-large',
  'read-timeout',
  'read-failed',
  'not-utf8',
  'empty-file',
  'no-header',
  'empty-header-cell',
  'duplicate-column',
  'no-data-rows',
  'unterminated-quote',
  'text-after-quote',
  'record-too-long',
  'malformed-csv',
  'ragged-row',
  'unknown-target',
  'unknown-feature',
  'target-is-feature',
  'no-features',
  'empty-cell',
  'non-numeric',
  'non-finite',
  'float32-overflow',
  'float32-underflow',
  'one-class',
  'constant-feature',
  'shape-mismatch',
  'package-data',
  'not-a-folder',
  'unexpected-file',
  'no-classes',
  'empty-class',
  'too-many-images',
  'unsupported-image',
  'corrupt-image',
  'empty-image',
  'image-too-large',
  'image-size-mismatch',
  'folder-not-empty',
  'write-failed',
] as const;

export type DatasetErrorCode = (typeof DATASET_ERROR_CODES)[number];

/** Where an error applies: file path, 1-based line number as an editor shows it, column name. */
export interface DatasetErrorLocation {
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
}

/**
 * Thrown for bad input to any loader or generator. The message is complete on its own; `file`, `row`
 * (1-based line number, as an editor shows it) and `column` repeat the location for programs.
 * @example
 * try { await loadCsv('data.csv', { target: 'y' }); }
 * catch (e) { if (e instanceof DatasetError) console.error(e.message, e.row, e.column); }
 */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  readonly code: DatasetErrorCode;
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;

  constructor(code: DatasetErrorCode, message: string, location: DatasetErrorLocation = {}) {
    super(message);
    this.code = code;
    if (location.file !== undefined) this.file = location.file;
    if (location.row !== undefined) this.row = location.row;
    if (location.column !== undefined) this.column = location.column;
  }
}
