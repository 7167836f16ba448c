/** `resolveGraphInputShape`: a graph's `[height, width, channels]`, from its input or from `options.inputShape`. */
import { ADAPTER_MESSAGES as MESSAGES } from './messages.js';

/**
 * The image size of a graph whose input has `shape` (`-1` or missing for unknown sizes): the graph's own when all
 * three are known; `given` when they are not (each known size must match it). Errors name `fn`.
 * @example resolveGraphInputShape([-1, -1, -1, 3], [64, 64, 3], 'GraphModelAdapter') // [64, 64, 3]
 */
export function resolveGraphInputShape(
  shape: readonly number[] | undefined,
  given: readonly number[] | undefined,
  fn: string,
): [number, number, number] {
  const dims = shape ?? [-1, -1, -1, -1];
  if (dims.length !== 4) throw new Error(MESSAGES.graphNotImage(fn, dims));
  const known = dims.slice(1).map((d) => (typeof d === 'number' && d > 0 ? d : -1));
  if (given === undefined) {
    if (known.some((d) => d === -1)) throw new Error(MESSAGES.graphInputShape(fn, dims));
    return known as [number, number, number];
  }
  const ok =
    given.length === 3 &&
    given.every((d, i) => Number.isInteger(d) && d > 0 && (known[i] === -1 || known[i] === d));
  if (!ok) throw new Error(MESSAGES.graphInputShapeMismatch(fn, given, dims));
  return [given[0]!, given[1]!, given[2]!];
}
