/** Dense symmetric positive-definite solves in float64: Jacobi-scaled Cholesky factor, solve and inverse. */

/** A Cholesky factorization of D·A·D (D = diag(1/√a_ii)), so badly scaled columns do not hurt. */
export interface CholeskyFactor {
  readonly size: number;
  /** Lower-triangular factor L of the scaled matrix, row-major `size × size`. */
  readonly lower: Float64Array;
  /** The Jacobi scaling 1/√a_ii. */
  readonly scale: Float64Array;
}

/**
 * Factor a symmetric positive-definite matrix (row-major, `size × size`). Returns `null` when it is not
 * numerically positive definite (a pivot <= `relativeTolerance`, default 1e-13, of the scaled diagonal).
 */
export function cholesky(
  matrix: Float64Array,
  size: number,
  relativeTolerance = 1e-13,
): CholeskyFactor | null {
  const scale = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const aii = matrix[i * size + i]!;
    if (!(aii > 0)) return null;
    scale[i] = 1 / Math.sqrt(aii);
  }
  const lower = new Float64Array(size * size);
  for (let j = 0; j < size; j++) {
    let diag = matrix[j * size + j]! * scale[j]! * scale[j]!;
    for (let k = 0; k < j; k++) diag -= lower[j * size + k]! ** 2;
    if (!(diag > relativeTolerance)) return null;
    const ljj = Math.sqrt(diag);
    lower[j * size + j] = ljj;
    for (let i = j + 1; i < size; i++) {
      let s = matrix[i * size + j]! * scale[i]! * scale[j]!;
      for (let k = 0; k < j; k++) s -= lower[i * size + k]! * lower[j * size + k]!;
      lower[i * size + j] = s / ljj;
    }
  }
  return { size, lower, scale };
}

/** Solve A·x = b with a factor from {@link cholesky}. */
export function choleskySolve(factor: CholeskyFactor, b: ArrayLike<number>): Float64Array {
  const { size, lower, scale } = factor;
  const z = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let s = b[i]! * scale[i]!;
    for (let k = 0; k < i; k++) s -= lower[i * size + k]! * z[k]!;
    z[i] = s / lower[i * size + i]!;
  }
  for (let i = size - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < size; k++) s -= lower[k * size + i]! * z[k]!;
    z[i] = s / lower[i * size + i]!;
  }
  for (let i = 0; i < size; i++) z[i] = z[i]! * scale[i]!;
  return z;
}

/** The inverse A⁻¹ (row-major) from a factor of A. */
export function choleskyInverse(factor: CholeskyFactor): Float64Array {
  const { size } = factor;
  const inverse = new Float64Array(size * size);
  const e = new Float64Array(size);
  for (let j = 0; j < size; j++) {
    e.fill(0);
    e[j] = 1;
    const column = choleskySolve(factor, e);
    for (let i = 0; i < size; i++) inverse[i * size + j] = column[i]!;
  }
  for (let i = 0; i < size; i++)
    for (let j = i + 1; j < size; j++) {
      const m = 0.5 * (inverse[i * size + j]! + inverse[j * size + i]!);
      inverse[i * size + j] = m;
      inverse[j * size + i] = m;
    }
  return inverse;
}
