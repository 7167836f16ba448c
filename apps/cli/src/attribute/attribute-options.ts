/** The options and usage of `openbox attribute`. */
import { BASELINE_KINDS, METHOD_NAMES, OUTPUT_SPACES, QUADRATURE_RULES } from '@openbox/attribution';
import type { OptionSpecs, ParsedOptions } from '../args.js';
import { SEED_OPTION } from '../common-options.js';
import { IMAGE_FIT_OPTION, IMAGES_OPTION, SCALE_OPTION } from '../images-option.js';
import { MODEL_OPTION } from '../model-option.js';
import { formatUsage } from '../usage.js';
import { MNIST_TEST_COUNT } from './inputs.js';

/** Most inputs one call attributes. */
export const MAX_INPUTS = 1024;

/** The options of `openbox attribute`. */
export const ATTRIBUTE_OPTIONS = {
  model: MODEL_OPTION,
  inputs: {
    kind: 'string',
    pathLike: true,
    placeholder: 'FILE',
    help: 'a JSON array of NHWC images (nested arrays [height][width][channels]); or use --digits or --images',
  },
  digits: {
    kind: 'list',
    item: { kind: 'integer', min: 0, max: MNIST_TEST_COUNT - 1 },
    maxItems: MAX_INPUTS,
    placeholder: '0,5,9',
    help: 'MNIST test digits by index (the test split the reference CNN is scored on); or use --inputs or --images',
  },
  images: IMAGES_OPTION,
  scale: SCALE_OPTION,
  fit: IMAGE_FIT_OPTION,
  class: {
    kind: 'list',
    item: { kind: 'string' },
    maxItems: 1000,
    placeholder: 'NAME,…',
    help: 'with --images: only the images of these classes (sub-folder names)',
  },
  limit: {
    kind: 'integer',
    min: 1,
    max: MAX_INPUTS,
    help: `with --images: at most N images, taken in turn from each class (default all, at most ${MAX_INPUTS})`,
  },
  targets: {
    kind: 'string',
    placeholder: 'predicted|label|1,4',
    help: "the class explained: each input's predicted class, its label (--images, --digits), or class indices or --images class names, one per input or one for all (default: label with --images, else predicted)",
  },
  method: {
    kind: 'enum',
    values: METHOD_NAMES,
    required: true,
    placeholder: 'NAME',
    help: 'the attribution method',
  },
  abs: { kind: 'flag', help: 'absolute values (saliency)' },
  steps: {
    kind: 'integer',
    min: 1,
    max: 10_000,
    help: 'integration steps (integrated gradients and the like)',
  },
  'ig-method': {
    kind: 'enum',
    values: QUADRATURE_RULES,
    placeholder: 'RULE',
    help: 'quadrature rule of the path integral',
  },
  baseline: {
    kind: 'string',
    pathLike: true,
    placeholder: 'zeros|mean|blur|FILE',
    help: `${BASELINE_KINDS.join(', ')} (mean: of the MNIST training digits with --digits, else of the inputs), or a JSON image or array of images`,
  },
  layer: {
    kind: 'string',
    placeholder: 'NAME',
    help: 'layer of layer methods (gradcam, gradcam++): any layer or graph node name, slashes allowed',
  },
  window: { kind: 'integer', min: 1, max: 4096, help: 'occlusion window side in pixels' },
  stride: { kind: 'integer', min: 1, max: 4096, help: 'occlusion stride in pixels' },
  samples: { kind: 'integer', min: 1, max: 100_000, help: 'samples of stochastic methods' },
  'noise-sd': {
    kind: 'float',
    min: 0,
    max: 1e6,
    placeholder: 'X',
    help: 'noise standard deviation (smoothgrad, vargrad)',
  },
  seed: SEED_OPTION,
  output: {
    kind: 'enum',
    values: OUTPUT_SPACES,
    default: 'logits',
    placeholder: 'SPACE',
    help: 'what a class index picks from',
  },
  out: {
    kind: 'string',
    pathLike: true,
    placeholder: 'DIR',
    help: 'output folder: one overlay PNG per input (input-<i>-target-<t>.png; with --images input-<i>-<class>-<file>-target-<t>.png) and attributions.json',
  },
  json: {
    kind: 'flag',
    help: 'print only the JSON object { method, targets, attributions, delta?, layerAttributions?, inputs? }',
  },
} as const satisfies OptionSpecs;

/** Parsed `openbox attribute` options. */
export type AttributeArgs = ParsedOptions<typeof ATTRIBUTE_OPTIONS>;

/** The usage text of `openbox attribute`. */
export const ATTRIBUTE_USAGE = formatUsage(
  'openbox attribute [--model model.json] (--inputs FILE | --digits 0,5,9 | --images DIR [--scale P] [--class A,B] [--limit N]) --method NAME [--targets predicted|label|1,4] [method options] [--out DIR] [--json]',
  ATTRIBUTE_OPTIONS,
  [
    'Method options go to the methods that take them (abs, steps, rule, baselines, layer, window, stride, samples, noiseSd, seed).',
    'On a graph model, methods that rewrite backward passes (guided-backprop, deconvolution, deeplift, deeplift-shap) are refused.',
    'Non-finite attributions fail with exit 1; --out writes every file or none.',
  ],
);
