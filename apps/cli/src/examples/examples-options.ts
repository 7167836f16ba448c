/** The options of `openbox examples`, declared once. */
import type { OptionSpecs } from '../args.js';
import { IMAGE_FIT_OPTION, IMAGES_OPTION, SCALE_OPTION } from '../images-option.js';
import { MODEL_OPTION } from '../model-option.js';

/** Most channels one call ranks examples for. */
export const MAX_EXAMPLE_CHANNELS = 512;
/** Most examples kept per channel. */
export const MAX_K = 64;

/** The options of `openbox examples`. */
export const EXAMPLES_OPTIONS = {
  model: MODEL_OPTION,
  layer: {
    kind: 'string',
    required: true,
    placeholder: 'NAME',
    help: "layer whose channels rank the images; '<conv or dense>:pre' for the value before its activation",
  },
  channels: {
    kind: 'range-list',
    maxCount: MAX_EXAMPLE_CHANNELS,
    placeholder: '0-7',
    help: "channels as ranges and lists, each below the layer's channel count (default: 0-7, or every channel if fewer)",
  },
  k: { kind: 'integer', min: 1, max: MAX_K, default: 9, help: 'top-activating images kept per channel' },
  limit: {
    kind: 'integer',
    min: 1,
    max: 1_000_000,
    placeholder: 'N',
    help: 'rank only the first N images (default: all)',
  },
  images: { ...IMAGES_OPTION, help: `${IMAGES_OPTION.help} (default: the 2,000 MNIST test digits)` },
  scale: SCALE_OPTION,
  fit: IMAGE_FIT_OPTION,
  out: {
    kind: 'string',
    pathLike: true,
    required: true,
    placeholder: 'DIR',
    help: 'output folder: <layer>-c<k>.png per channel (the images with the receptive field boxed, then the crops), examples.json, index.html',
  },
  json: { kind: 'flag', help: 'print examples.json on stdout (and nothing else there)' },
} as const satisfies OptionSpecs;
