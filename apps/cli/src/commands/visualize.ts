/** `openbox visualize`: activation maximization with cnn-vis's objectives, parameterizations, transforms and regularizers. */
import { LOGITS_LAYER, standardTransformSettings, type ImageModel } from '@openbox/cnn-vis';
import { initBackend } from '@openbox/runtime';
import { escapeForMessage } from '@openbox/safe-io';
import { parseOptions, type ParsedOptions } from '../args.js';
import { writeFilesAtomic } from '../attribute/write-files.js';
import type { Command } from '../command.js';
import { CommandError, UsageError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import { loadCliModel } from '../model-option.js';
import { createProgressDisplay } from '../progress.js';
import { expandRangeList, rangeListOf } from '../range-list.js';
import { formatUsage } from '../usage.js';
import { buildParam, scaledGrey } from '../visualize/build-param.js';
import { findNonFinite } from '../visualize/find-non-finite.js';
import { parsePosition, type LayerPosition } from '../visualize/parse-position.js';
import { buildTransforms, parseTransforms, type TransformSpec } from '../visualize/parse-transforms.js';
import { readDirection } from '../visualize/read-direction.js';
import { renderJobs } from '../visualize/render-jobs.js';
import { planRender } from '../visualize/render-plan.js';
import { visualizeFiles } from '../visualize/visualize-files.js';
import { VISUALIZE_OPTIONS, type ObjectiveKind } from '../visualize/visualize-options.js';

export { MAX_CHANNELS_PER_CALL, VISUALIZE_OPTIONS } from '../visualize/visualize-options.js';

const USAGE = formatUsage(
  'openbox visualize [--model model.json] --layer NAME [--objective KIND] [--channels 0-7] [--scale PRESET] [--param pixel|fourier] [--transforms LIST] [--diversity W --batch N] [--l1 W --l2 W --tv W --blur W] [--steps N] [--seed N] --out DIR [--json]',
  VISUALIZE_OPTIONS,
  [
    'The objective maximized is the unit objective, plus --diversity times the diversity term, minus each penalty times its weight; result.json states it exactly.',
    'Progress goes to stderr; a model whose weights give NaN or Infinity fails with exit 1 and writes nothing.',
  ],
);

type VisualizeArgs = ParsedOptions<typeof VISUALIZE_OPTIONS>;

/** What the command line says before any model is read: every combination of options checked. */
interface Checked {
  readonly kind: ObjectiveKind;
  readonly layer: string;
  readonly position: LayerPosition | undefined;
  readonly transforms: TransformSpec;
}

const usage = (option: string, message: string) => new UsageError('invalid-value', message, option);

/** 1. The checks that need no model: which objective, and the options that only some objectives take. */
function checkArguments(args: VisualizeArgs): Checked {
  if (args.layer === undefined && args.objective !== 'logit')
    throw new UsageError('missing-option', MESSAGES.missingLayer(), 'layer');
  const layer = args.layer ?? LOGITS_LAYER;
  const kind: ObjectiveKind = args.objective ?? (layer === LOGITS_LAYER ? 'logit' : 'channel');
  if (kind === 'logit' && layer !== LOGITS_LAYER)
    throw usage('objective', MESSAGES.logitNeedsLogits(escapeForMessage(layer)));
  if (args.position !== undefined && kind !== 'neuron')
    throw usage('position', MESSAGES.onlyWithObjective('position', 'neuron', kind));
  if (args.direction !== undefined && kind !== 'direction')
    throw usage('direction', MESSAGES.onlyWithObjective('direction', 'direction', kind));
  if (kind === 'direction' && args.direction === undefined)
    throw new UsageError('missing-option', MESSAGES.directionNeedsFile(), 'direction');
  if (args.channels !== undefined && (kind === 'layer' || kind === 'direction'))
    throw usage('channels', MESSAGES.channelsWithWholeLayer(kind));
  if (args.decorrelate && args.noDecorrelate) throw usage('decorrelate', MESSAGES.bothDecorrelate());
  if (args.diversityLayer !== undefined && args.diversity === 0)
    throw usage('diversity-layer', MESSAGES.diversityLayerWithout());
  if (args.diversity > 0 && args.batch !== undefined && args.batch < 2)
    throw usage('batch', MESSAGES.diversityBatch(args.batch));
  const position = args.position === undefined ? undefined : parsePosition(args.position);
  return { kind, layer, position, transforms: parseTransforms(args.transforms) };
}

/** The channel count of `layer`, or a {@link UsageError} for `--option` listing the layers that exist. */
function channelsOf(adapter: ImageModel, layer: string, option: string): number {
  try {
    return adapter.layer(layer, `openbox visualize --${option}`).channels;
  } catch (error) {
    throw usage(option, (error as Error).message);
  }
}

export const visualizeCommand: Command = {
  summary:
    'activation maximization (Lucid-style) with every objective, parameterization, transform and regularizer: PNGs, result.json, index.html',
  usage: USAGE,
  async run(argv) {
    // 1. Arguments (syntax, counts and combinations), before any model work.
    const args = parseOptions(VISUALIZE_OPTIONS, argv);
    const { kind, layer, position, transforms: transformSpec } = checkArguments(args);
    // 2. Model; then the layer, channels, colours, direction and transforms against it.
    await initBackend();
    const { adapter, name: modelName } = await loadCliModel(args.model, 'openbox visualize');
    const [h, w, c] = adapter.inputShape;
    const layerChannels = channelsOf(adapter, layer, 'layer');
    if (args.diversityLayer !== undefined) channelsOf(adapter, args.diversityLayer, 'diversity-layer');
    const wholeLayer = kind === 'layer' || kind === 'direction';
    const channels = wholeLayer
      ? []
      : expandRangeList(args.channels ?? rangeListOf('channels', Math.min(8, layerChannels)), {
          limit: layerChannels,
          owner: `layer '${escapeForMessage(layer)}'`,
          unit: 'channels',
        });
    if (args.decorrelate && c !== 3) throw usage('decorrelate', MESSAGES.decorrelateGrayscale(c));
    const decorrelate = c === 3 && !args.noDecorrelate;
    const vector =
      kind === 'direction' ? await readDirection(args.direction!, layer, layerChannels) : undefined;
    const grey = scaledGrey(standardTransformSettings(Math.max(h, w), c).padValue, args.scale, c);
    const transforms = buildTransforms(transformSpec, [h, w, c], grey);
    const param = buildParam(args.param, decorrelate, args.scale, c);
    // 3. The jobs: cnn-vis objectives combined with sum / scale.
    const plan = planRender({
      kind,
      layer,
      channels,
      position,
      vector,
      diversity: args.diversity,
      diversityLayer: args.diversityLayer ?? layer,
      regularizers: { l1: args.l1, l2: args.l2, tv: args.tv, blur: args.blur },
      batch: args.batch,
      seed: args.seed,
    });
    // The library's own checks (e.g. a --position outside the layer) before any optimization.
    for (const job of plan.jobs) {
      try {
        job.objective.validate(adapter);
      } catch (error) {
        throw usage(kind === 'neuron' ? 'position' : 'layer', (error as Error).message);
      }
    }
    // 4. Optimize (progress on stderr); every objective value and pixel must be finite.
    const started = performance.now();
    const settings = {
      layer,
      steps: args.steps,
      learningRate: args.lr,
      param: param.param,
      transforms: transforms.transform,
    };
    const results = renderJobs(adapter, plan.jobs, settings, createProgressDisplay());
    const seconds = (performance.now() - started) / 1000;
    const bad = findNonFinite(results);
    if (bad !== null)
      throw new CommandError(
        'non-finite-output',
        MESSAGES.nonFiniteUnit(escapeForMessage(layer), bad.unit, bad.what),
      );
    // 5. Files, all or none: PNGs, result.json, index.html.
    const options = {
      objective: kind,
      layer,
      ...(wholeLayer ? {} : { channels }),
      ...(position === undefined ? {} : { position }),
      ...(args.direction === undefined ? {} : { direction: args.direction }),
      diversity: args.diversity,
      ...(args.diversity > 0 ? { 'diversity-layer': args.diversityLayer ?? layer } : {}),
      scale: args.scale,
      param: param.description,
      decorrelate,
      transforms: transforms.description,
      l1: args.l1,
      l2: args.l2,
      tv: args.tv,
      blur: args.blur,
      lr: args.lr,
      batch: plan.jobs[0]?.batchSize ?? 0,
      steps: args.steps,
      seed: args.seed,
    };
    const files = visualizeFiles(results, {
      model: modelName,
      modelKind: adapter.kind,
      inputShape: adapter.inputShape,
      layer,
      objectiveKind: kind,
      options,
      imagesPerUnit: plan.imagesPerUnit,
      seconds,
      scale: args.scale,
    });
    try {
      await writeFilesAtomic(args.out, files);
    } catch (error) {
      throw new CommandError(
        'write-failed',
        MESSAGES.writeFailed(escapeForMessage(args.out), (error as Error).message),
      );
    }
    const images = results.reduce((n, r) => n + r.job.batchSize, 0);
    if (args.json)
      console.log(
        files
          .find((f) => f.name === 'result.json')!
          .bytes.toString()
          .trimEnd(),
      );
    else
      console.log(
        `Wrote ${images} images of '${layer}' (${kind}), result.json and index.html to ${args.out} (${seconds.toFixed(1)} s, ${args.steps} steps).`,
      );
    return 0;
  },
};
