/** Every user-facing error message of @openbox/logistic, each naming the function and the argument. */

const sci = (v: number): string =>
  Number.isFinite(v) ? (v === 0 ? '0' : v.toExponential(2).replace('e+', 'e')) : String(v);

const list = (names: readonly string[]): string =>
  names.length > 12
    ? `${names
        .slice(0, 10)
        .map((n) => `'${n}'`)
        .join(', ')} and ${names.length - 10} more`
    : names.map((n) => `'${n}'`).join(', ');

export const MESSAGES = {
  badShape: (fn: string, shape: readonly number[], length: number) =>
    `${fn}: argument 'features' has ${length} values but shape [${shape.join(', ')}] needs ${shape.reduce((a, b) => a * b, 1)}; pass shape [n, d] with n·d values.`,
  badNames: (fn: string, got: number, want: number) =>
    `${fn}: argument 'featureNames' has ${got} names but the features have ${want} columns.`,
  badTargetLength: (fn: string, got: number, want: number) =>
    `${fn}: argument 'target' has ${got} values but the features have ${want} rows.`,
  nanFeature: (fn: string, row: number, column: string) =>
    `${fn}: argument 'features' has a NaN or infinite value at row ${row}, column '${column}'; drop or impute missing values first.`,
  nanTarget: (fn: string, row: number) =>
    `${fn}: argument 'target' has a NaN or non-integer value at row ${row}.`,
  nonBinary: (fn: string, values: readonly number[]) =>
    `${fn}: argument 'target' must hold only 0 and 1 for binary logistic regression, but it holds ${values.slice(0, 8).join(', ')}${values.length > 8 ? ', …' : ''}; pick a positive class (one vs rest) or use the multinomial fit.`,
  badClass: (fn: string, row: number, value: number, numClasses: number) =>
    `${fn}: argument 'target' has class ${value} at row ${row}; classes must be integers 0 … ${numClasses - 1}.`,
  oneClass: (fn: string, label: string) =>
    `${fn}: argument 'target' holds one class only (${label}); logistic regression needs at least two classes.`,
  tooFewRows: (fn: string, n: number, params: number) =>
    `${fn}: ${n} rows but ${params} parameters (intercept + coefficients); with l2 = 0 the maximum-likelihood estimate is not unique. Add rows, drop features, or set l2 > 0.`,
  constantColumns: (fn: string, names: readonly string[]) =>
    `${fn}: feature column${names.length > 1 ? 's' : ''} ${list(names)} ${names.length > 1 ? 'are' : 'is'} constant, so ${names.length > 1 ? 'their coefficients are' : 'its coefficient is'} not identifiable next to the intercept; drop ${names.length > 1 ? 'them' : 'it'}.`,
  collinearColumns: (fn: string, column: string, with_: readonly string[]) =>
    `${fn}: feature column '${column}' is a linear combination of ${with_.length ? list(with_) : 'the intercept'} (collinear); the coefficients are not identifiable with l2 = 0. Drop one of ${list([column, ...with_])} or set l2 > 0.`,
  separation: (fn: string, kind: 'complete' | 'quasi-complete', features: readonly string[]) =>
    `${fn}: ${kind} separation — a linear combination of ${features.length ? list(features) : 'the intercept'} separates the classes${kind === 'quasi-complete' ? ' (with ties on the boundary)' : ''}, so the maximum-likelihood estimate does not exist (the coefficients diverge to infinity). Set l2 > 0 (e.g. l2 = 1) for a finite, penalized fit, or drop those features.`,
  badOption: (fn: string, name: string, value: unknown, want: string) =>
    `${fn}: option '${name}' is ${String(value)}; it must be ${want}.`,
  numClasses: (fn: string, got: number) =>
    `${fn}: argument 'numClasses' is ${got}; it must be an integer >= 2.`,
  notPositiveDefinite: (fn: string) =>
    `${fn}: the Fisher information is singular, so standard errors do not exist; check for collinear columns or separation.`,
  float32Overflow: (fn: string, row: number, column: string, value: number) =>
    `${fn}: argument 'features' has ${sci(value)} at row ${row}, column '${column}', beyond float32's largest value ±3.4e38; the tfjs net computes in float32 and would see ±Infinity. Rescale the column (e.g. standardize: true / --standardize).`,
  float32Underflow: (fn: string, row: number, column: string, value: number) =>
    `${fn}: argument 'features' has ${sci(value)} at row ${row}, column '${column}', nonzero but below float32's smallest normal value 1.18e-38; in the tfjs net's float32 it would be rounded or flushed to 0. Rescale the column (e.g. standardize: true / --standardize).`,
  float32SumOverflow: (fn: string, column: string, max: number, bound: number) =>
    `${fn}: argument 'features' is too large for the tfjs net's float32 sums: rows × Glorot weight limit × Σ max|column| = ${sci(bound)} > 3.4e38 (column '${column}' reaches ${sci(max)}), so the summed cross-entropy at the initial weights overflows to Infinity. Rescale the features (e.g. standardize: true / --standardize).`,
} as const;

/** The `message` of each {@link LogisticWarning}: what was found, with the numbers, and what to do. */
export const WARNINGS = {
  notConverged: (iterations: number, gradientNorm: number, hint: string) =>
    `the exact fit did NOT converge (‖∇‖ = ${sci(gradientNorm)} after ${iterations} Newton iterations, tolerance 1e-8), so no standard errors, p-values or intervals are reported (inference: null).${hint}`,
  singularInformation: () =>
    'the Fisher information at the exact fit is numerically singular, so standard errors do not exist and no p-values or intervals are reported (inference: null); look for collinear columns or near-separation, or set l2 > 0.',
  collinear: (columns: readonly string[], conditionNumber: number, threshold: number) =>
    `feature columns ${list(columns)} are nearly collinear: the condition number of the features' correlation matrix is ${sci(conditionNumber)} (> ${sci(threshold)}), so their separate coefficients and standard errors are unreliable. Drop or combine one of them, or set l2 > 0.`,
  scalesDiffer: (ratio: number, largest: string, largestStd: number, smallest: string, smallestStd: number) =>
    `feature scales differ by ${sci(ratio)}× (std of '${largest}' ${sci(largestStd)}, of '${smallest}' ${sci(smallestStd)}); gradient-based fits (the tfjs net, ml-logistic-regression) stall on such problems. Use standardize: true / --standardize.`,
  mlBudget: (steps: number, budget: number, rowOverhead: number, maxSteps: number) =>
    `ml-logistic-regression ran ${steps.toLocaleString('en-US')} of its own default 50,000 steps: the default is cut to a work budget (classifiers × rows × (columns + 1 + ${rowOverhead}) × steps ≤ ${sci(budget)}, about 2 s on 2 cores); ask for more with --ml-steps N / ml: { numSteps: N } (at most ${maxSteps.toLocaleString('en-US')}).`,
  netNotConverged: (epochs: number, gradientNorm: number, hint: string) =>
    `the tfjs net stopped before converging (‖∇‖ = ${sci(gradientNorm)} after ${epochs} epochs), so its weights are not the maximum-likelihood estimate.${hint}`,
  standardizeHint: ' Standardizing the features often fixes this: standardize: true / --standardize.',
} as const;

/** Which ill-posed condition an {@link IllPosedError} reports. */
export type IllPosedKind =
  | 'separation'
  | 'collinear'
  | 'constant-column'
  | 'one-class'
  | 'non-binary'
  | 'not-finite'
  | 'too-few-rows'
  | 'float32-range';

/**
 * A problem whose maximum-likelihood estimate does not exist or is not unique, or (`float32-range`) that the float32
 * tfjs net cannot represent; `kind` says which, `features` names the columns involved.
 */
export class IllPosedError extends Error {
  override readonly name = 'IllPosedError';
  constructor(
    message: string,
    readonly kind: IllPosedKind,
    readonly features: readonly string[] = [],
  ) {
    super(message);
  }
}
