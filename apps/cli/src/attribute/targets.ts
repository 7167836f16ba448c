/** `--targets`: class indices parsed before any model work, then checked against the model and the inputs. */
import { escapeForMessage } from '@openbox/safe-io';
import { UsageError } from '../errors.js';
import { MESSAGES } from '../messages.js';

/**
 * `1,4,7,9` → `[1, 4, 7, 9]` (repeats allowed: two inputs may share a class); `undefined` stays `undefined`.
 * @example parseTargets('3, 3') // [3, 3]
 */
export function parseTargets(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((part) => {
    const t = part.trim();
    if (!/^(0|[1-9][0-9]{0,8})$/.test(t))
      throw new UsageError(
        'invalid-value',
        MESSAGES.invalidItem('targets', 'a class index (an integer ≥ 0)', escapeForMessage(t)),
        'targets',
      );
    return Number(t);
  });
}

/**
 * One class per input: the given ones (one for all, or exactly one per input, each below `classes`), else what
 * `predicted()` returns (each input's predicted class).
 * @example targetsPerInput([2], 3, 10, () => []) // [2, 2, 2]
 */
export function targetsPerInput(
  given: readonly number[] | undefined,
  n: number,
  classes: number,
  predicted: () => readonly number[],
): number[] {
  if (given === undefined) return [...predicted()];
  if (given.length !== 1 && given.length !== n)
    throw new UsageError('invalid-value', MESSAGES.targetCount(given.length, n), 'targets');
  const bad = given.find((t) => t >= classes);
  if (bad !== undefined) throw new UsageError('invalid-value', MESSAGES.targetClass(bad, classes), 'targets');
  return Array.from({ length: n }, (_, i) => given[given.length === 1 ? 0 : i]!);
}
