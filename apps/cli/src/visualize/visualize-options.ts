/** The options of `openbox visualize`, declared once: each maps onto a value of `@openbox/cnn-vis`. */
import type { OptionSpecs } from '../args.js';
import { SEED_OPTION } from '../common-options.js';
import { SCALE_OPTION } from '../images-option.js';
import { MODEL_OPTION } from '../model-option.js';

/** Most units one call renders (each is an image optimized on the device). */
export const MAX_CHANNELS_PER_CALL = 512;
/** Channels optimized together in one batch when `--batch` is not given (and no diversity term). */
export const DEFAULT_UNITS_PER_BATCH = 16;
/** Images per unit when `--diversity` is given without `--batch`. */
export const DEFAULT_DIVERSE_IMAGES = 4;
/** Largest `--batch`. */
export const MAX_BATCH = 64;
/** Largest regularizer or diversity weight. */
export const MAX_WEIGHT = 1e6;

/** What `--objective` maximizes; each names a cnn-vis objective. */
export const OBJECTIVE_KINDS = ['channel', 'neuron', 'layer', 'logit', 'direction'] as const;
export type ObjectiveKind = (typeof OBJECTIVE_KINDS)[number];

/** The image parameterizations of `--param`. */
export const PARAM_KINDS = ['pixel', 'fourier'] as const;
export type ParamKind = (typeof PARAM_KINDS)[number];

const weight = (help: string) =>
  ({ kind: 'float', min: 0, max: MAX_WEIGHT, default: 0, placeholder: 'W', help }) as const;

/** The options of `openbox visualize`. */
export const VISUALIZE_OPTIONS = {
  model: MODEL_OPTION,
  layer: {
    kind: 'string',
    placeholder: 'NAME',
    help: "layer to visualize (required unless --objective logit); 'logits' for classes; '<conv or dense>:pre' for the value before its activation",
  },
  objective: {
    kind: 'enum',
    values: OBJECTIVE_KINDS,
    placeholder: 'KIND',
    help: 'channel: mean of a channel over positions (cnn-vis channel); neuron: one channel at --position or the centre; layer: DeepDream, the mean square of the whole layer; logit: a pre-softmax class logit; direction: projection on the vector in --direction (default: logit for --layer logits, else channel)',
  },
  channels: {
    kind: 'range-list',
    maxCount: MAX_CHANNELS_PER_CALL,
    placeholder: '0-7',
    help: "channels as ranges and lists, each below the layer's channel count (classes for logit; default: 0-7, or every channel if fewer)",
  },
  position: {
    kind: 'string',
    placeholder: 'X,Y',
    help: "--objective neuron only: the unit's column and row in the layer (default: the centre)",
  },
  direction: {
    kind: 'string',
    pathLike: true,
    placeholder: 'FILE',
    help: 'for --objective direction: a JSON array of one number per channel of the layer, or {"vector": [...]}',
  },
  diversity: weight(
    "weight of Lucid's diversity term (minus the mean cosine similarity of the batch's Gram matrices), added to the objective; needs --batch 2 or more (default 4 when given)",
  ),
  'diversity-layer': {
    kind: 'string',
    placeholder: 'NAME',
    help: 'layer whose Gram matrices the diversity term pushes apart (default: --layer)',
  },
  param: {
    kind: 'enum',
    values: PARAM_KINDS,
    default: 'fourier',
    placeholder: 'KIND',
    help: 'image parameterization: pixel (the pixels themselves) or fourier (a 1/f-scaled spectrum, Lucid); both squashed by a sigmoid into [0, 1]',
  },
  scale: {
    ...SCALE_OPTION,
    help: "the input range the model was trained on, which the images are optimized in (and mapped back from for the PNGs): 0-1 is [0, 1]; -1-1 is [-1, 1]; imagenet is [0, 1] standardized per channel, (x - mean)/std with ImageNet's mean 0.485,0.456,0.406 and std 0.229,0.224,0.225",
  },
  decorrelate: {
    kind: 'flag',
    help: "optimize in ImageNet's decorrelated colour basis (RGB models only; the default for RGB)",
  },
  'no-decorrelate': { kind: 'flag', help: 'optimize the RGB channels directly' },
  transforms: {
    kind: 'string',
    placeholder: 'LIST',
    default: 'standard',
    help: "random transforms before each step: standard (Lucid's, sized to the input), none, or items in order like pad:12,jitter:8,scale:0.9-1.1,rotate:10",
  },
  l1: weight('weight of the L1 penalty Σ|x| on the image, subtracted from the objective'),
  l2: weight('weight of the L2 penalty Σx² on the image, subtracted'),
  tv: weight('weight of the total-variation penalty Σ|Δx|+|Δy|, subtracted'),
  blur: weight("weight of the blur penalty ½Σ(x − blur(x))² (Lucid's blur each step), subtracted"),
  lr: { kind: 'float', min: 1e-6, max: 10, default: 0.05, placeholder: 'RATE', help: 'Adam learning rate' },
  batch: {
    kind: 'integer',
    min: 1,
    max: MAX_BATCH,
    placeholder: 'N',
    help: `images per unit with --diversity (2 or more) and for --objective layer or direction; otherwise units optimized together (default ${DEFAULT_UNITS_PER_BATCH})`,
  },
  steps: { kind: 'integer', min: 1, max: 10_000, default: 512, help: 'optimization steps' },
  seed: SEED_OPTION,
  out: {
    kind: 'string',
    pathLike: true,
    required: true,
    placeholder: 'DIR',
    help: 'output folder: <layer>.png (all units), <layer>-c<k>.png per channel, result.json, index.html',
  },
  json: { kind: 'flag', help: 'print result.json on stdout (and nothing else there)' },
} as const satisfies OptionSpecs;
