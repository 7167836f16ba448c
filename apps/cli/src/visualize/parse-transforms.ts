/**
 * `--transforms standard|none|pad:12,jitter:8,scale:0.9-1.1,rotate:10`: parsed into a spec at argument time (every
 * item range-checked), then built into cnn-vis transforms for the model's input size.
 */
import {
  compose,
  jitter,
  pad,
  randomRotate,
  randomScale,
  standardTransformSettings,
  standardTransforms,
  type Transform,
} from '@openbox/cnn-vis';
import { escapeForMessage } from '@openbox/safe-io';
import { UsageError } from '../errors.js';
import { MESSAGES } from '../messages.js';

/** The transforms an item may name, in the order Lucid's standard chain uses them. */
export const TRANSFORM_NAMES = ['pad', 'jitter', 'scale', 'rotate'] as const;
export type TransformName = (typeof TRANSFORM_NAMES)[number];

/** One parsed item. */
export type TransformItem =
  | { readonly name: 'pad'; readonly pixels: number }
  | { readonly name: 'jitter'; readonly pixels: number }
  | { readonly name: 'scale'; readonly scales: readonly [number, number] }
  | { readonly name: 'rotate'; readonly degrees: number };

/** What `--transforms` asked for. */
export type TransformSpec =
  | { readonly kind: 'standard' }
  | { readonly kind: 'none' }
  | { readonly kind: 'items'; readonly items: readonly TransformItem[] };

/** Most pixels a pad or jitter item takes. */
export const MAX_TRANSFORM_PIXELS = 256;
/** Zoom factors allowed in a scale item. */
export const SCALE_BOUNDS = [0.1, 10] as const;
/** Most degrees a rotate item takes. */
export const MAX_DEGREES = 180;
/** Most items in one list. */
export const MAX_TRANSFORM_ITEMS = 16;

const NUMBER = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const INTEGER = /^(?:0|[1-9][0-9]{0,5})$/;

const bad = (item: string, why: string): UsageError =>
  new UsageError('invalid-value', MESSAGES.badTransformItem(escapeForMessage(item), why), 'transforms');

function pixels(item: string, value: string): number {
  const n = INTEGER.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= MAX_TRANSFORM_PIXELS))
    throw bad(item, `takes whole pixels from 0 to ${MAX_TRANSFORM_PIXELS}`);
  return n;
}

function factor(item: string, value: string): number {
  const n = NUMBER.test(value) ? Number(value) : NaN;
  if (!(n >= SCALE_BOUNDS[0] && n <= SCALE_BOUNDS[1]))
    throw bad(
      item,
      `takes zoom factors from ${SCALE_BOUNDS[0]} to ${SCALE_BOUNDS[1]}, as scale:0.9-1.1 or scale:1.2`,
    );
  return n;
}

/** Each item's parser, from the text after `name:`. */
const ITEM_PARSERS: Record<TransformName, (item: string, value: string) => TransformItem> = {
  pad: (item, value) => ({ name: 'pad', pixels: pixels(item, value) }),
  jitter: (item, value) => ({ name: 'jitter', pixels: pixels(item, value) }),
  scale(item, value) {
    const parts = value.split('-');
    if (parts.length > 2) throw bad(item, 'takes one factor or a range low-high');
    const lo = factor(item, parts[0]!);
    const hi = parts.length === 2 ? factor(item, parts[1]!) : lo;
    if (hi < lo) throw bad(item, 'runs backwards; write it low-high');
    return { name: 'scale', scales: [lo, hi] };
  },
  rotate(item, value) {
    const n = NUMBER.test(value) ? Number(value) : NaN;
    if (!(n >= 0 && n <= MAX_DEGREES))
      throw bad(item, `takes degrees from 0 to ${MAX_DEGREES} (drawn in ±D)`);
    return { name: 'rotate', degrees: n };
  },
};

const isTransformName = (name: string): name is TransformName =>
  (TRANSFORM_NAMES as readonly string[]).includes(name);

/**
 * Parses the text of `--transforms`; every bad item is a {@link UsageError} naming it and what it takes.
 * @example parseTransforms('pad:2,jitter:1') // { kind: 'items', items: [{ name: 'pad', pixels: 2 }, { name: 'jitter', pixels: 1 }] }
 */
export function parseTransforms(text: string): TransformSpec {
  if (text === 'standard' || text === 'none') return { kind: text };
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > MAX_TRANSFORM_ITEMS)
    throw new UsageError(
      'invalid-value',
      MESSAGES.tooManyItems('transforms', MAX_TRANSFORM_ITEMS, parts.length),
      'transforms',
    );
  const items = parts.map((part): TransformItem => {
    if (part === '')
      throw new UsageError(
        'invalid-value',
        MESSAGES.emptyListItem('transforms', escapeForMessage(text)),
        'transforms',
      );
    const colon = part.indexOf(':');
    const name = colon < 0 ? part : part.slice(0, colon);
    if (!isTransformName(name))
      throw new UsageError(
        'invalid-value',
        MESSAGES.unknownTransform(escapeForMessage(name), TRANSFORM_NAMES),
        'transforms',
      );
    if (colon < 0) throw bad(part, `needs a value (${name}:VALUE)`);
    return ITEM_PARSERS[name](part, part.slice(colon + 1).trim());
  });
  return { kind: 'items', items };
}

/** The transforms for a model's input, and what they are in words and numbers (for result.json). */
export interface BuiltTransforms {
  /** `null` for none (renderUnits' `transforms: null`). */
  readonly transform: Transform | null;
  readonly description: string;
  readonly items: readonly TransformItem[];
}

function describeItem(item: TransformItem, padValue: number): string {
  switch (item.name) {
    case 'pad':
      return `pad ${item.pixels} px (value ${padValue})`;
    case 'jitter':
      return `jitter ${item.pixels} px`;
    case 'scale':
      return `scale ${item.scales[0]}-${item.scales[1]}`;
    case 'rotate':
      return `rotate ±${item.degrees}°`;
  }
}

/**
 * Builds `spec` for `inputShape = [h, w, c]`: `standard` is `standardTransforms(max(h, w), c)` (Lucid's pad 12,
 * jitter 8, scale 0.9–1.1, rotate ±10°, jitter 4 at 224 px, pixel amounts scaled to the input); items are chained
 * in the order given, pads filled with `padValue` (default the standard chain's: 0.5 for RGB, 0 for grayscale; the
 * command passes that grey in the model's `--scale`). Jitters that crop the image away are a {@link UsageError}.
 * @example buildTransforms(parseTransforms('none'), [28, 28, 1]).transform // null
 */
export function buildTransforms(
  spec: TransformSpec,
  inputShape: readonly [number, number, number],
  padValue?: number,
): BuiltTransforms {
  const [h, w, c] = inputShape;
  const standard = standardTransformSettings(Math.max(h, w), c);
  const s = { ...standard, padValue: padValue ?? standard.padValue };
  if (spec.kind === 'none') return { transform: null, description: 'none', items: [] };
  const items: readonly TransformItem[] =
    spec.kind === 'standard'
      ? [
          { name: 'pad', pixels: s.pad },
          { name: 'jitter', pixels: s.jitter },
          { name: 'scale', scales: s.scales },
          { name: 'rotate', degrees: s.degrees },
          { name: 'jitter', pixels: s.finalJitter },
        ]
      : spec.items;
  let side = Math.min(h, w);
  for (const item of items) {
    side += item.name === 'pad' ? 2 * item.pixels : item.name === 'jitter' ? -item.pixels : 0;
    if (side < 1) throw new UsageError('invalid-value', MESSAGES.transformsCropAll(h, w), 'transforms');
  }
  const description = `${spec.kind === 'standard' ? 'standard: ' : ''}${items.map((i) => describeItem(i, s.padValue)).join(', ')}`;
  if (spec.kind === 'standard')
    return { transform: standardTransforms(Math.max(h, w), c, { padValue: s.padValue }), description, items };
  const chain = items.map((item): Transform => {
    switch (item.name) {
      case 'pad':
        return pad({ size: item.pixels, value: s.padValue });
      case 'jitter':
        return jitter({ pixels: item.pixels });
      case 'scale':
        return randomScale({ scales: item.scales });
      case 'rotate':
        return randomRotate({ degrees: item.degrees });
    }
  });
  return { transform: compose(...chain), description, items };
}
