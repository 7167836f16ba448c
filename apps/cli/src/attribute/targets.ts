/** `--targets`: `predicted`, `label` or class indices, parsed before any model work, then resolved per input. */
import { escapeForMessage } from '@openbox/safe-io';
import { UsageError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import { ATTRIBUTE_MESSAGES } from './attribute-messages.js';

/** What `--targets` asks for: each input's predicted class, its label, or the classes given (indices or names). */
export type TargetsSpec = 'predicted' | 'label' | readonly (number | string)[];

/** A class name as `--targets` takes it: starts with a letter or `_` (so `-1`, `1.5`, `01` stay bad indices). */
const CLASS_NAME = /^[\p{L}_][^,]*$/u;

/**
 * `predicted` / `label` as they are; `1,4,7,9` → `[1, 4, 7, 9]` (repeats allowed: two inputs may share a class),
 * class names (`cat,dog`) kept as strings, resolved against the image folder's classes by `targetsPerInput`;
 * `undefined` stays `undefined` (the command's default applies).
 * @example parseTargets('3, 3') // [3, 3]
 */
export function parseTargets(text: string | undefined): TargetsSpec | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === 'predicted' || trimmed === 'label') return trimmed;
  return text.split(',').map((part) => {
    const t = part.trim();
    if (CLASS_NAME.test(t)) return t;
    if (!/^(0|[1-9][0-9]{0,8})$/.test(t))
      throw new UsageError(
        'invalid-value',
        MESSAGES.invalidItem(
          'targets',
          'a class index (an integer ≥ 0) or a class name',
          escapeForMessage(t),
        ),
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

/** A class given by name: its index among the folder's classes, which must be the model's (as many). */
function classIndex(name: string, classes: number, inputs: InputLabels): number {
  const names = inputs.classNames;
  if (names === undefined || names.length !== classes)
    throw new UsageError(
      'invalid-value',
      ATTRIBUTE_MESSAGES.namedTargetWithoutNames(
        escapeForMessage(name),
        inputs.source,
        classes,
        names?.length,
      ),
      'targets',
    );
  const k = names.indexOf(name);
  if (k < 0)
    throw new UsageError(
      'invalid-value',
      ATTRIBUTE_MESSAGES.unknownTarget(escapeForMessage(name), names),
      'targets',
    );
  return k;
}

/**
 * One class per input: `predicted()` (each input's argmax), the labels, or the given classes (one for all, or
 * exactly one per input, each below `classes`; a name is the class of that name in the folder, when the folder has
 * as many classes as the model).
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
  const given = spec.map((t) => (typeof t === 'string' ? classIndex(t, classes, inputs) : t));
  const bad = given.find((t) => t >= classes);
  if (bad !== undefined) throw new UsageError('invalid-value', MESSAGES.targetClass(bad, classes), 'targets');
  return Array.from({ length: n }, (_, i) => given[given.length === 1 ? 0 : i]!);
}
