/** `describePreprocessing`: the sentence stating exactly what `readImageFolder` did to the user's images. */
import { escapeForMessage } from '@openbox/safe-io';
import type { ResolvedImageFolderOptions } from './image-folder-options.js';
import { describeScale } from './image-scale.js';
import { describeChannels, type SourceChannels } from './to-channels.js';

/** What was seen while reading, image by image. */
export interface PreprocessingTally {
  readonly formats: Map<string, number>;
  /** Source size `W×H` → images of that size. */
  readonly sizes: Map<string, number>;
  /** Source channels → images with them. */
  readonly channels: Map<SourceChannels, number>;
}

const RESIZE_METHOD =
  'area averaging where shrinking, bilinear with half-pixel centres where enlarging; aspect ratio not kept';

/**
 * One paragraph: how many images of which formats were read from where, how channels were converted (with counts),
 * how they were resized (from how many different sizes, and how), and how pixels were scaled.
 * @example 'Read 40 images (40 PNG) in 2 classes from "data"; gray replicated into R, G and B (40 of 40 images); …'
 */
export function describePreprocessing(
  dir: string,
  classes: number,
  tally: PreprocessingTally,
  o: ResolvedImageFolderOptions,
): string {
  const n = [...tally.sizes.values()].reduce((a, b) => a + b, 0);
  const formats = [...tally.formats].map(([f, k]) => `${k} ${f.toUpperCase()}`).join(', ');
  const parts = [`read ${n} images (${formats}) in ${classes} classes from "${escapeForMessage(dir, 200)}"`];
  // Channels: one clause per kind of conversion, with its count.
  const clauses = new Map<string, number>();
  for (const [from, k] of tally.channels) {
    for (const clause of describeChannels(from, o.channels).split('; '))
      if (clause !== '') clauses.set(clause, (clauses.get(clause) ?? 0) + k);
  }
  for (const [clause, k] of clauses) parts.push(`${clause} (${k} of ${n} images)`);
  // Sizes.
  const target = `${o.width}×${o.height}`;
  const sizes = [...tally.sizes.keys()];
  if (sizes.length === 1 && sizes[0] === target) parts.push(`all ${target} (width × height), not resized`);
  else if (sizes.length === 1)
    parts.push(`resized from ${sizes[0]} to ${target} (width × height; ${RESIZE_METHOD})`);
  else {
    const area = (s: string): number => s.split('×').reduce((a, b) => a * Number(b), 1);
    const sorted = sizes.sort((a, b) => area(a) - area(b));
    const already = tally.sizes.get(target) ?? 0;
    parts.push(
      `resized from ${sizes.length} different sizes (smallest ${sorted[0]}, largest ${sorted[sorted.length - 1]}) ` +
        `to ${target} (width × height; ${already} already were; ${RESIZE_METHOD})`,
    );
  }
  parts.push(`then ${describeScale(o.scale, o.channels)} ('${o.scale}')`);
  const text = parts.join('; ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}
