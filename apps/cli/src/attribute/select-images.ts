/** `selectImages`: `--class` and `--limit` over an image folder's images (which ones, in which order). */
import { escapeForMessage } from '@openbox/safe-io';
import { UsageError } from '../errors.js';
import { ATTRIBUTE_MESSAGES } from './attribute-messages.js';

/** Labelled images in folder order: `labels[i]` indexes `classNames`, `files[i]` is relative to the folder. */
export interface LabelledImages {
  readonly labels: readonly number[];
  readonly classNames: readonly string[];
  readonly files: readonly string[];
}

/**
 * The indices of the images to attribute: those of the `classes` named (all without `--class`; an unknown name is
 * a usage error listing the folder's classes), then at most `limit` of them taken in turn from each class (the
 * first image of every class, then the second, …), so a small limit still covers every class; returned in folder
 * order.
 * @example selectImages({ labels: [0, 0, 1, 1], classNames: ['a', 'b'], files }, undefined, 2) // [0, 2]
 */
export function selectImages(
  folder: LabelledImages,
  classes: readonly string[] | undefined,
  limit: number | undefined,
): number[] {
  // 1. The classes asked for.
  const wanted = new Set<number>();
  for (const name of classes ?? folder.classNames) {
    const k = folder.classNames.indexOf(name);
    if (k < 0)
      throw new UsageError(
        'invalid-value',
        ATTRIBUTE_MESSAGES.unknownClass(escapeForMessage(name), folder.classNames),
        'class',
      );
    wanted.add(k);
  }
  const byClass = new Map<number, number[]>();
  folder.labels.forEach((label, i) => {
    if (wanted.has(label)) byClass.set(label, [...(byClass.get(label) ?? []), i]);
  });
  const all = [...byClass.values()].flat();
  if (all.length === 0)
    throw new UsageError('invalid-value', ATTRIBUTE_MESSAGES.noImagesLeft(classes ?? []), 'class');
  if (limit === undefined || limit >= all.length) return all.sort((a, b) => a - b);
  // 2. Round robin over the classes, up to `limit`.
  const queues = [...byClass.values()];
  const picked: number[] = [];
  for (let round = 0; picked.length < limit; round++)
    for (const q of queues) if (round < q.length && picked.length < limit) picked.push(q[round]!);
  return picked.sort((a, b) => a - b);
}
