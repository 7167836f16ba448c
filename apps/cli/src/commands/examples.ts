/** `openbox examples`: the dataset images that activate a layer's channels most, with their receptive-field crops. */
import { datasetExamples } from '@openbox/cnn-vis';
import { loadMnist, type Dataset, type ImageScale } from '@openbox/datasets';
import { initBackend } from '@openbox/runtime';
import { escapeForMessage } from '@openbox/safe-io';
import { parseOptions } from '../args.js';
import { writeFilesAtomic } from '../attribute/write-files.js';
import type { Command } from '../command.js';
import { CommandError, UsageError } from '../errors.js';
import { examplesFiles } from '../examples/examples-files.js';
import { EXAMPLES_OPTIONS } from '../examples/examples-options.js';
import { loadImagesForModel } from '../images-option.js';
import { MESSAGES } from '../messages.js';
import { loadCliModel } from '../model-option.js';
import { expandRangeList, rangeListOf } from '../range-list.js';
import { formatUsage } from '../usage.js';

export { EXAMPLES_OPTIONS } from '../examples/examples-options.js';

const USAGE = formatUsage(
  'openbox examples [--model model.json] --layer NAME [--channels 0-7] [--k 9] [--limit N] [--images DIR [--scale PRESET] [--fit MODE]] --out DIR [--json]',
  EXAMPLES_OPTIONS,
  [
    'Each channel ranks the images by its largest activation over positions; spatial layers also give the input box that unit sees (its receptive field) and the crop inside it.',
    'Without --images the model must take 28×28×1 MNIST digits. A bad image folder fails with exit 1 naming the file.',
  ],
);

/** The images to rank and how they were preprocessed. */
interface Source {
  readonly data: Dataset;
  readonly preprocessing: string;
  readonly scale: ImageScale;
  readonly files: readonly string[] | undefined;
}

export const examplesCommand: Command = {
  summary:
    "top-activating dataset examples of a layer's channels with receptive-field crops: PNG strips, examples.json, index.html",
  usage: USAGE,
  async run(argv) {
    // 1. Arguments.
    const args = parseOptions(EXAMPLES_OPTIONS, argv);
    const imagesOnly = (['scale', 'fit'] as const).find((o) =>
      argv.some((a) => a === `--${o}` || a.startsWith(`--${o}=`)),
    );
    if (imagesOnly !== undefined && args.images === undefined)
      throw new UsageError('invalid-value', MESSAGES.onlyWithImagesFolder(imagesOnly), imagesOnly);
    // 2. Model, layer and channels.
    await initBackend();
    const { adapter, name: modelName } = await loadCliModel(args.model, 'openbox examples');
    let layerChannels: number;
    try {
      layerChannels = adapter.layer(args.layer, 'openbox examples --layer').channels;
    } catch (error) {
      throw new UsageError('invalid-value', (error as Error).message, 'layer');
    }
    const channels = expandRangeList(args.channels ?? rangeListOf('channels', Math.min(8, layerChannels)), {
      limit: layerChannels,
      owner: `layer '${escapeForMessage(args.layer)}'`,
      unit: 'channels',
    });
    // 3. The images: the user's folder, or the MNIST test digits.
    let source: Source;
    if (args.images !== undefined) {
      const data = await loadImagesForModel(
        { images: args.images, scale: args.scale, fit: args.fit },
        adapter,
        'openbox examples',
      );
      source = { data, preprocessing: data.preprocessing, scale: data.scale, files: data.files };
    } else {
      if (adapter.inputShape.join('×') !== '28×28×1')
        throw new UsageError('missing-option', MESSAGES.examplesNeedImages(adapter.inputShape), 'images');
      const { test } = loadMnist();
      source = {
        data: test,
        preprocessing: 'MNIST test digits (loadMnist seed 0), grey levels in [0, 1]',
        scale: '0-1',
        files: undefined,
      };
    }
    const ranked = Math.min(args.limit ?? source.data.shape[0]!, source.data.shape[0]!);
    // 4. Rank.
    const started = performance.now();
    console.error(
      `openbox examples: ranking ${ranked} images on ${channels.length} channels of '${escapeForMessage(args.layer)}'`,
    );
    let report;
    try {
      report = datasetExamples(adapter, source.data, {
        layer: args.layer,
        channels,
        k: args.k,
        limit: ranked,
      });
    } catch (error) {
      throw new CommandError(
        'render-failed',
        MESSAGES.examplesFailed(escapeForMessage(args.layer), (error as Error).message),
      );
    }
    const bad = report.examples.findIndex((list) => list.some((e) => !Number.isFinite(e.activation)));
    if (bad >= 0)
      throw new CommandError(
        'non-finite-output',
        MESSAGES.nonFiniteUnit(escapeForMessage(args.layer), `channel ${report.channels[bad]}`, 'activation'),
      );
    const seconds = (performance.now() - started) / 1000;
    // 5. Files, all or none.
    const files = examplesFiles(report, source.data, {
      model: modelName,
      modelKind: adapter.kind,
      layer: args.layer,
      k: args.k,
      ranked,
      images: args.images,
      preprocessing: source.preprocessing,
      scale: source.scale,
      files: source.files,
      seconds,
    });
    try {
      await writeFilesAtomic(args.out, files);
    } catch (error) {
      throw new CommandError(
        'write-failed',
        MESSAGES.writeFailed(escapeForMessage(args.out), (error as Error).message),
      );
    }
    if (args.json) console.log(String(files.find((f) => f.name === 'examples.json')!.bytes).trimEnd());
    else
      console.log(
        `Wrote the top ${args.k} of ${ranked} images for ${channels.length} channels of '${args.layer}', examples.json and index.html to ${args.out} (${seconds.toFixed(1)} s).`,
      );
    return 0;
  },
};
