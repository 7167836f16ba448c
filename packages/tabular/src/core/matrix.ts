/** The one row-major table type every tabular method reads: `rows × cols` float64 values. */
import { MESSAGES } from '../messages.js';

/** Row-major numbers, `data[r * cols + c]`. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** What {@link toMatrix} accepts: a {@link Matrix}, or an array of rows. */
export type MatrixLike = Matrix | readonly (readonly number[])[];

function isMatrix(value: unknown): value is Matrix {
  const m = value as Matrix | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.data instanceof Float64Array &&
    Number.isInteger(m.rows) &&
    Number.isInteger(m.cols) &&
    m.data.length === m.rows * m.cols
  );
}

/**
 * A validated matrix of `features` columns with at least one row, every value finite; the error names `fn`,
 * `argument`, and the first bad row and column.
 * @example toMatrix('exactShapley', 'x', [[1, 2], [3, 4]], 2).rows // 2
 */
export function toMatrix(fn: string, argument: string, value: MatrixLike, features: number): Matrix {
  let m: Matrix;
  if (isMatrix(value)) m = value;
  else if (Array.isArray(value)) {
    const rows = value as readonly (readonly number[])[];
    const bad = rows.findIndex((r) => !Array.isArray(r) || r.length !== features);
    if (bad >= 0) {
      const row = rows[bad] as unknown;
      const got = Array.isArray(row) ? `row ${bad} with ${row.length}` : `row ${bad} that is not an array`;
      throw new Error(MESSAGES.matrixShape(fn, argument, got, features));
    }
    m = { data: Float64Array.from(rows.flat()), rows: rows.length, cols: features };
  } else throw new Error(MESSAGES.matrixShape(fn, argument, 'neither rows nor a Matrix', features));
  if (m.cols !== features) throw new Error(MESSAGES.matrixShape(fn, argument, `${m.cols} columns`, features));
  if (m.rows < 1) throw new Error(MESSAGES.emptyMatrix(fn, argument));
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i]!))
      throw new Error(MESSAGES.nonFinite(fn, argument, Math.floor(i / features), i % features));
  }
  return m;
}

/** Row `r` of `m` as a view (no copy). */
export function rowOf(m: Matrix, r: number): Float64Array {
  return m.data.subarray(r * m.cols, (r + 1) * m.cols);
}

/** The rows `indices` of `m`, copied, in that order. */
export function selectRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const data = new Float64Array(indices.length * m.cols);
  for (let i = 0; i < indices.length; i++) data.set(rowOf(m, indices[i]!), i * m.cols);
  return { data, rows: indices.length, cols: m.cols };
}

/** Column means of `m`. */
export function columnMeans(m: Matrix): Float64Array {
  const means = new Float64Array(m.cols);
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) means[c]! += m.data[r * m.cols + c]!;
  for (let c = 0; c < m.cols; c++) means[c]! /= m.rows;
  return means;
}
