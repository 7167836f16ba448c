/** Validation of a feature matrix into a float64 design: shape, names, NaN, constant and collinear columns. */
import { IllPosedError, MESSAGES } from '../messages.js';
import type { Design, FeatureMatrix } from './types.js';

/**
 * Copy `data` into a float64 {@link Design}, rejecting bad shapes and NaN/∞ values, and — when `identifiable`
 * (l2 = 0) — constant columns, collinear columns and fewer rows than parameters (with l2 > 0 the penalty makes the
 * fit unique: a constant column gets coefficient 0). `fn` names the caller in errors.
 */
export function toDesign(fn: string, data: FeatureMatrix, identifiable: boolean): Design {
  const [n = 0, d = 1, ...rest] = data.shape;
  if (data.shape.length !== 2 || rest.length > 0 || n * d !== data.features.length || n < 1)
    throw new Error(MESSAGES.badShape(fn, data.shape, data.features.length));
  const names = data.featureNames ? [...data.featureNames] : Array.from({ length: d }, (_, j) => `x${j}`);
  if (names.length !== d) throw new Error(MESSAGES.badNames(fn, names.length, d));
  const x = Float64Array.from(data.features);
  for (let i = 0; i < n * d; i++)
    if (!Number.isFinite(x[i]!))
      throw new IllPosedError(MESSAGES.nanFeature(fn, Math.floor(i / d), names[i % d]!), 'not-finite', [
        names[i % d]!,
      ]);
  const design = { n, d, x, names };
  if (identifiable) {
    const constant = constantColumns(design);
    if (constant.length > 0)
      throw new IllPosedError(MESSAGES.constantColumns(fn, constant), 'constant-column', constant);
    if (n < d + 1) throw new IllPosedError(MESSAGES.tooFewRows(fn, n, d + 1), 'too-few-rows');
    const collinear = firstCollinearColumn(design);
    if (collinear) {
      throw new IllPosedError(MESSAGES.collinearColumns(fn, collinear.column, collinear.with), 'collinear', [
        collinear.column,
        ...collinear.with,
      ]);
    }
  }
  return design;
}

/** Names of columns whose values are all equal. */
export function constantColumns({ n, d, x, names }: Design): string[] {
  const out: string[] = [];
  for (let j = 0; j < d; j++) {
    let same = true;
    for (let i = 1; i < n && same; i++) same = x[i * d + j] === x[j];
    if (same) out.push(names[j]!);
  }
  return out;
}

/**
 * The first column that is (to relative tolerance 1e-9) a linear combination of the intercept and earlier columns,
 * with the earlier columns that take part. Modified Gram–Schmidt over centred, unit-norm columns.
 */
export function firstCollinearColumn({ n, d, x, names }: Design): { column: string; with: string[] } | null {
  const basis: Float64Array[] = [];
  const basisColumn: number[] = [];
  const rMatrix: Float64Array[] = []; // rMatrix[k] = coefficients of basis k on the original (unit) columns
  for (let j = 0; j < d; j++) {
    const v = new Float64Array(n);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i * d + j]!;
    mean /= n;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      v[i] = x[i * d + j]! - mean;
      norm += v[i]! ** 2;
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) v[i] = v[i]! / norm;
    // v = original unit column; express the residual as combination of original columns.
    const combo = new Float64Array(d);
    combo[j] = 1;
    for (let k = 0; k < basis.length; k++) {
      const q = basis[k]!;
      let r = 0;
      for (let i = 0; i < n; i++) r += q[i]! * v[i]!;
      for (let i = 0; i < n; i++) v[i] = v[i]! - r * q[i]!;
      const qc = rMatrix[k]!;
      for (let m = 0; m < d; m++) combo[m] = combo[m]! - r * qc[m]!;
    }
    let residual = 0;
    for (let i = 0; i < n; i++) residual += v[i]! ** 2;
    residual = Math.sqrt(residual);
    if (residual < 1e-9) {
      const involved = basisColumn.filter((c) => Math.abs(combo[c]!) > 1e-6).map((c) => names[c]!);
      return { column: names[j]!, with: involved };
    }
    for (let i = 0; i < n; i++) v[i] = v[i]! / residual;
    for (let m = 0; m < d; m++) combo[m] = combo[m]! / residual;
    basis.push(v);
    basisColumn.push(j);
    rMatrix.push(combo);
  }
  return null;
}
