/** `--targets`: `predicted`, `label` or class indices, parsed before any model work, then resolved per input. */
import { escapeForMessage } from '@openbox/safe-io';
import { UsageError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import { ATTRIBUTE_MESSAGES } from './attribute-messages.js';

/** What `--targets` asks for: each input's predicted class, its label, or the classes given. */
export type TargetsSpec = 'predicted' | 'label' | readonly number[];

/**
 * `predicted` / `label` as they are; `1,4,7,9` → `[1, 4, 7, 9]` (repeats allowed: two inputs may share a class);
 * `undefined` stays `undefined` (the command's default applies).
 * @example parseTargets('3, 3') // [3, 3]
 */
export function parseTargets(text: string | undefined): TargetsSpec | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === 'predicted' || trimmed === 'label') return trimmed;
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

/** What the inputs know about their classes, for `label` targets. */
export interface InputLabels {
  /** Each input's class index, when the source has labels. */
  readonly labels?: readonly number[];
  /** The source's class names (for messages). */
  readonly classNames?: readonly string[];
  /** The option the inputs came from (`inputs`, `digits`, `images`). */
  readonly source: string;
}

/**
 * One class per input: `predicted()` (each input's argmax), the labels, or the given classes (one for all, or
 * exactly one per input, each below `classes`).
 * @example targetsPerInput([2], 3, 10, () => [], { source: 'inputs' }) // [2, 2, 2]
 */
export function targetsPerInput(
  spec: TargetsSpec,
  n: number,
  classes: number,
  predicted: () => readonly number[],
  inputs: InputLabels,
): number[] {
  if (spec === 'predicted') return [...predicted()];
  if (spec === 'label') {
    if (inputs.labels === undefined)
      throw new UsageError('invalid-value', ATTRIBUTE_MESSAGES.noLabels(inputs.source), 'targets');
    const bad = inputs.labels.find((t) => t >= classes);
    if (bad !== undefined)
      throw new UsageError(
        'invalid-value',
        ATTRIBUTE_MESSAGES.labelNotAClass(inputs.classNames?.[bad] ?? String(bad), bad, classes),
        'targets',
      );
    return [...inputs.labels];
  }
  if (spec.length !== 1 && spec.length !== n)
    throw new UsageError('invalid-value', MESSAGES.targetCount(spec.length, n), 'targets');
  const bad = spec.find((t) => t >= classes);
  if (bad !== undefined) throw new UsageError('invalid-value', MESSAGES.targetClass(bad, classes), 'targets');
  return Array.from({ length: n }, (_, i) => spec[spec.length === 1 ? 0 : i]!);
}
