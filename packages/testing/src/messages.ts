/** Every message this package shows, in one place; each names the function, the label and what is wrong. */

/** A value as a person can check it: integers and ±Infinity/NaN as they are, other numbers to 17 digits at most. */
export const show = (v: number): string => String(v);

/** Shapes as `[2, 3]`. */
export const showShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** A small positive number in short scientific form (differences and bounds). */
const sci = (v: number): string => (v === 0 ? '0' : v.toExponential(2));

const prefix = (fn: string, label: string | undefined): string =>
  label === undefined ? `${fn}: ` : `${fn}: ${label}: `;

const at = (index: number, position: readonly number[] | null): string =>
  position === null ? `element ${index}` : `element ${index} at ${showShape(position)}`;

export const MESSAGES = {
  badTolerance: (fn: string, label: string | undefined, tolerance: unknown) =>
    `${prefix(fn, label)}tolerance must be a finite number >= 0, got ${String(tolerance)}.`,
  notNumeric: (fn: string, label: string | undefined, side: string, path: readonly number[], got: unknown) =>
    `${prefix(fn, label)}${side} at ${showShape(path)} is ${typeof got === 'object' ? String(got) : `${typeof got} ${String(got)}`}, not a number or an array of numbers.`,
  ragged: (
    fn: string,
    label: string | undefined,
    side: string,
    path: readonly number[],
    expectedLength: number,
  ) =>
    `${prefix(fn, label)}${side} is ragged: the entry at ${showShape(path)} does not match the length ${expectedLength} of its first sibling.`,
  sizesDiffer: (
    fn: string,
    label: string | undefined,
    actual: { size: number; shape: readonly number[] },
    expected: { size: number; shape: readonly number[] },
  ) =>
    `${prefix(fn, label)}actual has ${actual.size} elements (shape ${showShape(actual.shape)}), expected ${expected.size} (shape ${showShape(expected.shape)}).`,
  shapesDiffer: (
    fn: string,
    label: string | undefined,
    actual: readonly number[],
    expected: readonly number[],
  ) => `${prefix(fn, label)}actual has shape ${showShape(actual)}, expected ${showShape(expected)}.`,
  nanMismatch: (
    fn: string,
    label: string | undefined,
    index: number,
    position: readonly number[] | null,
    actual: number,
    expected: number,
  ) =>
    `${prefix(fn, label)}${at(index, position)}: actual ${show(actual)}, expected ${show(expected)} (NaN on one side only).`,
  notClose: (
    fn: string,
    label: string | undefined,
    first: { index: number; position: readonly number[] | null; actual: number; expected: number },
    tolerance: number,
    bad: number,
    size: number,
    worst: { index: number; scaled: number },
  ) => {
    const { index, position, actual, expected } = first;
    const gap = Math.abs(actual - expected);
    const bound = tolerance * Math.max(1, Math.abs(expected));
    const diff = Number.isFinite(gap) ? `|actual − expected| = ${sci(gap)} > ` : 'infinite and not equal; ';
    return (
      `${prefix(fn, label)}${at(index, position)}: actual ${show(actual)}, expected ${show(expected)}; ` +
      `${diff}${sci(tolerance)} · max(1, |expected|) = ${sci(bound)}. ` +
      `${bad} of ${size} elements are outside the tolerance; the largest |actual − expected| / max(1, |expected|) ` +
      `is ${sci(worst.scaled)}, at element ${worst.index}.`
    );
  },
  // Model fixtures
  badFixtureOption: (fn: string, option: string, value: unknown, expected: string) =>
    `${fn}: options.${option} must be ${expected}, got ${String(value)}.`,
  unsupportedLayer: (fn: string, layer: string, className: string, supported: readonly string[]) =>
    `${fn}: layer '${layer}' is a ${className}, which this converter does not translate; it translates ${supported.join(', ')}.`,
  unsupportedActivation: (fn: string, layer: string, activation: string) =>
    `${fn}: layer '${layer}' has activation '${activation}'; the converter translates linear, relu, relu6, elu, sigmoid, tanh and softmax.`,
  unsupportedConfig: (fn: string, layer: string, problem: string) => `${fn}: layer '${layer}' ${problem}.`,
  notSingleIo: (fn: string) => `${fn}: the model must have exactly one input and one output.`,
  noWeights: (fn: string) => `${fn}: the model produced no weights to write.`,
} as const;
