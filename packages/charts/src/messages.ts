/** User-facing error messages of @openbox/charts: each names the builder and the argument. */

const show = (value: unknown): string => {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return value === null ? 'null' : typeof value;
};

/** Every message the chart builders throw, as functions of the builder name and the argument. */
export const MESSAGES = {
  empty: (fn: string, arg: string) => `${fn}: ${arg} is empty; pass at least one value.`,
  notArray: (fn: string, arg: string, got: unknown) => `${fn}: ${arg} must be an array, got ${show(got)}.`,
  notFinite: (fn: string, arg: string, got: unknown) =>
    `${fn}: ${arg} must be a finite number, got ${show(got)}.`,
  ragged: (fn: string, arg: string, row: number, expected: number, got: number) =>
    `${fn}: ${arg} is ragged: row ${row} has ${got} values, row 0 has ${expected}; every row must have the same length.`,
  outOfRange: (fn: string, arg: string, range: string, got: unknown) =>
    `${fn}: ${arg} must be in ${range}, got ${show(got)}.`,
  notString: (fn: string, arg: string, got: unknown) =>
    `${fn}: ${arg} must be a non-empty string, got ${show(got)}.`,
  duplicate: (fn: string, arg: string, value: string) =>
    `${fn}: ${arg} has the duplicate ${JSON.stringify(value)}; labels must be unique.`,
  lengthMismatch: (fn: string, arg: string, expected: number, got: number) =>
    `${fn}: ${arg} has length ${got}, expected ${expected}.`,
  shapeMismatch: (fn: string, arg: string, expected: string, got: string) =>
    `${fn}: ${arg} has shape ${got}, expected ${expected} like the first image.`,
  badInterval: (fn: string, arg: string) => `${fn}: ${arg} must satisfy lower <= estimate <= upper.`,
  badOption: (fn: string, arg: string, expected: string, got: unknown) =>
    `${fn}: ${arg} must be ${expected}, got ${show(got)}.`,
  notAdditive: (fn: string, sum: number, prediction: number, tolerance: number) =>
    `${fn}: baseValue + sum(values) is ${sum} but prediction is ${prediction}; they must agree within ${tolerance} (SHAP values add up to f(x) - E[f(X)]).`,
  notIncreasing: (fn: string, arg: string, index: number) =>
    `${fn}: ${arg} must be strictly increasing, but ${arg}[${index}] <= ${arg}[${index - 1}].`,
} as const;
