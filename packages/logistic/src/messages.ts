/** Every user-facing error message of @openbox/logistic, each naming the function and the argument. */

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
} as const;

/** Which ill-posed condition an {@link IllPosedError} reports. */
export type IllPosedKind =
  'separation' | 'collinear' | 'constant-column' | 'one-class' | 'non-binary' | 'not-finite' | 'too-few-rows';

/** A problem whose maximum-likelihood estimate does not exist or is not unique; `kind` says which, `features` names the columns involved. */
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
