/** `openbox attribute`: why did the network decide this? Any registered attribution method over images, as JSON and overlay PNGs. */
import * as tf from '@tensorflow/tfjs-core';
import {
  attribute,
  BASELINE_KINDS,
  METHOD_NAMES,
  METHODS,
  OUTPUT_SPACES,
  QUADRATURE_RULES,
  type AttributionResult,
} from '@openbox/attribution';
import { LOGITS_LAYER, ModelAdapter, type ImageModel, initBackend } from '@openbox/runtime';
import { escapeForMessage } from '@openbox/safe-io';
import { parseOptions, type OptionSpecs, type ParsedOptions } from '../args.js';
import { MNIST_TEST_COUNT, loadAttributedModel, readDigits } from '../attribute/inputs.js';
import { methodOptions } from '../attribute/method-options.js';
import { outputFiles, summaryLines } from '../attribute/outputs.js';
import { readImagesFile, type Images } from '../attribute/read-images.js';
import { parseTargets, targetsPerInput } from '../attribute/targets.js';
import { resolveBaseline } from '../attribute/baseline.js';
import { attributionReport } from '../attribute/report.js';
import { writeFilesAtomic } from '../attribute/write-files.js';
import type { Command } from '../command.js';
import { SEED_OPTION } from '../common-options.js';
import { CommandError, UsageError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import { formatUsage } from '../usage.js';

/** Most inputs one call attributes. */
export const MAX_INPUTS = 1024;

/** The options of `openbox attribute`. */
export const ATTRIBUTE_OPTIONS = {
  model: {
    kind: 'string',
    pathLike: true,
    placeholder: 'model.json',
    help: 'a tfjs LayersModel saved as model.json (default: the reference MNIST CNN, trained and cached on first use)',
  },
  inputs: {
    kind: 'string',
    pathLike: true,
    placeholder: 'FILE',
    help: 'a JSON array of NHWC images (nested arrays [height][width][channels]); or use --digits',
  },
  digits: {
    kind: 'list',
    item: { kind: 'integer', min: 0, max: MNIST_TEST_COUNT - 1 },
    maxItems: MAX_INPUTS,
    placeholder: '0,5,9',
    help: 'MNIST test digits by index (the test split the reference CNN is scored on); or use --inputs',
  },
  targets: {
    kind: 'string',
    placeholder: '1,4,7,9',
    help: "class indices, one per input or one for all (default: each input's predicted class)",
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
  layer: { kind: 'string', placeholder: 'NAME', help: 'layer of layer methods (gradcam, gradcam++)' },
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
    help: 'output folder: input-<i>-target-<t>.png overlays and attributions.json',
  },
  json: {
    kind: 'flag',
    help: 'print only the JSON object { method, targets, attributions, delta?, layerAttributions? }',
  },
} as const satisfies OptionSpecs;

const USAGE = formatUsage(
  'openbox attribute [--model model.json] (--inputs FILE | --digits 0,5,9) --method NAME [--targets 1,4] [method options] [--out DIR] [--json]',
  ATTRIBUTE_OPTIONS,
  [
    'Method options go to the methods that take them (abs, steps, rule, baselines, layer, window, stride, samples, noiseSd, seed).',
    'Non-finite attributions fail with exit 1; --out writes every file or none.',
  ],
);

/** The class count a class index picks from. */
function classCount(adapter: ImageModel, output: 'logits' | 'model'): number {
  const layers = adapter.layers();
  const layer = output === 'logits' ? LOGITS_LAYER : layers[layers.length - 1]!.name;
  return adapter.layer(layer).outputShape[1] ?? 0;
}

type AttributeArgs = ParsedOptions<typeof ATTRIBUTE_OPTIONS>;

export const attributeCommand: Command = {
  summary:
    'attributions (saliency, integrated gradients, Grad-CAM, occlusion, …) of images: JSON and overlay PNGs',
  usage: USAGE,
  async run(argv) {
    // 1. Arguments, before any model work.
    const args = parseOptions(ATTRIBUTE_OPTIONS, argv);
    if ((args.inputs === undefined) === (args.digits === undefined)) {
      const got = args.inputs === undefined ? 'neither' : 'both';
      const code = got === 'neither' ? 'missing-option' : 'invalid-value';
      throw new UsageError(code, MESSAGES.oneSource(got), 'inputs');
    }
    const givenTargets = parseTargets(args.targets);
    // 2. The model (disposed at the end, with every tensor of the run).
    await initBackend();
    const { model, name } = await loadAttributedModel(args.model);
    try {
      return await attributeWith(new ModelAdapter(model), name, args, givenTargets);
    } finally {
      model.dispose();
    }
  },
};

/** Steps 3–6 with the model loaded: checks, attribution, report, files, stdout; every tensor disposed. */
async function attributeWith(
  adapter: ImageModel,
  modelName: string,
  args: AttributeArgs,
  givenTargets: readonly number[] | undefined,
): Promise<number> {
  // 3. Layer, inputs, targets, baseline.
  if (args.layer !== undefined) {
    try {
      adapter.layer(args.layer, 'openbox attribute --layer');
    } catch (error) {
      throw new UsageError('invalid-value', (error as Error).message, 'layer');
    }
  } else if (METHODS[args.method].info.needsLayer) {
    const layers = adapter.layers().map((l) => l.name);
    throw new UsageError('missing-option', MESSAGES.needsLayer(args.method, layers), 'layer');
  }
  const images: Images =
    args.inputs !== undefined
      ? await readImagesFile(args.inputs, adapter.inputShape, {
          option: 'inputs',
          file: escapeForMessage(args.inputs),
        })
      : readDigits(args.digits!, adapter.inputShape);
  const n = images.shape[0];
  const x = tf.tensor4d(images.data, images.shape);
  const owned: tf.Tensor[] = [x];
  try {
    const classes = classCount(adapter, args.output);
    const targets = targetsPerInput(givenTargets, n, classes, () => Array.from(adapter.predictClasses(x)));
    const baselines = await resolveBaseline(args.baseline, x, args.digits !== undefined, adapter.inputShape);
    if (baselines instanceof tf.Tensor) owned.push(baselines);
    // 4. Attribute.
    let result: AttributionResult;
    try {
      const options = {
        method: args.method,
        targets,
        output: args.output,
        ...methodOptions(args, baselines),
      };
      result = attribute(adapter, x, options);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CommandError('attribution-failed', MESSAGES.attributionFailed(args.method, reason));
    }
    owned.push(
      ...[result.attributions, result.delta, result.layerAttributions].filter((t) => t !== undefined),
    );
    // 5. The report: every number finite, or nothing is written.
    const { report, flat } = attributionReport(args.method, targets, result);
    // 6. Files, all or none; then stdout (with --json, only the JSON object).
    if (args.out !== undefined) {
      const files = outputFiles(report, flat, images, modelName);
      try {
        await writeFilesAtomic(args.out, files);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new CommandError('write-failed', MESSAGES.writeFailed(escapeForMessage(args.out), reason));
      }
    }
    if (args.json) console.log(JSON.stringify(report));
    else {
      console.log(summaryLines(report, flat, flat.length / n).join('\n'));
      if (args.out !== undefined)
        console.log(
          `Wrote ${n} overlays and attributions.json to ${args.out} (${args.method}, ${modelName}).`,
        );
    }
    return 0;
  } finally {
    tf.dispose(owned);
  }
}
