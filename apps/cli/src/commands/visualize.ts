/** `openbox visualize`: activation maximization of a layer's channels, written as PNGs plus a JSON of objective curves. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import {
  ModelAdapter,
  LOGITS_LAYER,
  channel,
  classLogit,
  imagesToPng,
  loadReferenceCnn,
  renderUnits,
  type RenderResult,
} from '@openbox/cnn-vis';
import { initBackend, loadModel } from '@openbox/runtime';
import { escapeForMessage, writeFileAtomic } from '@openbox/safe-io';
import { parseOptions, type OptionSpecs } from '../args.js';
import type { Command } from '../command.js';
import { SEED_OPTION } from '../common-options.js';
import { CommandError, UsageError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import { expandRangeList, formatRanges, rangeListOf } from '../range-list.js';
import { formatUsage } from '../usage.js';
import { findNonFinite } from '../visualize/find-non-finite.js';

/** Most channels one call renders (each is an image optimized on the device). */
export const MAX_CHANNELS_PER_CALL = 512;
/** Channels optimized together in one batch. */
const BATCH = 16;

/** The options of `openbox visualize`. */
export const VISUALIZE_OPTIONS = {
  model: {
    kind: 'string',
    pathLike: true,
    placeholder: 'model.json',
    help: 'a tfjs LayersModel saved as model.json (default: the reference MNIST CNN, trained and cached on first use)',
  },
  layer: {
    kind: 'string',
    required: true,
    placeholder: 'NAME',
    help: "layer to visualize; 'logits' for classes; '<conv or dense>:pre' for the value before its activation",
  },
  channels: {
    kind: 'range-list',
    maxCount: MAX_CHANNELS_PER_CALL,
    placeholder: '0-7',
    help: "channels as ranges and lists, each below the layer's channel count (default: 0-7, or every channel if fewer)",
  },
  steps: { kind: 'integer', min: 1, max: 10_000, default: 512, help: 'optimization steps' },
  seed: SEED_OPTION,
  out: {
    kind: 'string',
    pathLike: true,
    required: true,
    placeholder: 'DIR',
    help: 'output folder: <layer>.png (all channels), <layer>-c<k>.png per channel, curves.json',
  },
} as const satisfies OptionSpecs;

const USAGE = formatUsage(
  'openbox visualize [--model model.json] --layer NAME [--channels 0-7] [--steps N] [--seed N] --out DIR',
  VISUALIZE_OPTIONS,
  [
    'Progress goes to stderr; a model whose weights give NaN or Infinity fails with exit 1 and writes nothing.',
  ],
);

const fileSafe = (name: string): string => name.replace(/[^A-Za-z0-9_.-]/g, '_');

async function loadVisualizedModel(
  path: string | undefined,
): Promise<{ model: tfl.LayersModel; name: string }> {
  if (path !== undefined) return { model: await loadModel(path), name: path };
  const ref = await loadReferenceCnn({
    onEpoch: (e, loss) =>
      console.error(`training the reference CNN (first use): epoch ${e}, loss ${loss.toFixed(4)}`),
  });
  return {
    model: ref.model,
    name: `reference MNIST CNN (${ref.dir}, test accuracy ${ref.meta.testAccuracy})`,
  };
}

export const visualizeCommand: Command = {
  summary: "activation maximization of a layer's channels (Lucid-style): PNGs plus objective curves as JSON",
  usage: USAGE,
  async run(argv) {
    // 1. Arguments (the channel syntax and count are checked here, before any model work).
    const args = parseOptions(VISUALIZE_OPTIONS, argv);
    // 2. Model, then the channels against the layer, before anything is allocated for them.
    await initBackend();
    const { model, name: modelName } = await loadVisualizedModel(args.model);
    const adapter = new ModelAdapter(model);
    let layerChannels: number;
    try {
      layerChannels = adapter.layer(args.layer, 'openbox visualize --layer').channels;
    } catch (error) {
      throw new UsageError('invalid-value', (error as Error).message, 'layer');
    }
    const channels = expandRangeList(args.channels ?? rangeListOf('channels', Math.min(8, layerChannels)), {
      limit: layerChannels,
      owner: `layer '${escapeForMessage(args.layer)}'`,
      unit: 'channels',
    });
    // 3. Optimize in batches; progress on stderr.
    const started = performance.now();
    const results: RenderResult[] = [];
    for (let i = 0; i < channels.length; i += BATCH) {
      const batch = channels.slice(i, i + BATCH);
      const objective = args.layer === LOGITS_LAYER ? classLogit(batch) : channel(args.layer, batch);
      try {
        results.push(
          renderUnits(adapter, objective, {
            steps: args.steps,
            seed: args.seed + i,
            onProgress: (p) =>
              console.error(
                `channels ${formatRanges(batch)}: step ${p.step}/${p.steps}, mean objective ${(p.values.reduce((a, b) => a + b, 0) / p.values.length).toFixed(4)}`,
              ),
            progressEvery: Math.max(1, Math.floor(args.steps / 4)),
          }),
        );
      } catch (error) {
        // renderUnits stops on a non-finite objective (e.g. NaN weights); say which layer and channels.
        const reason = error instanceof Error ? error.message : String(error);
        const layer = escapeForMessage(args.layer);
        throw new CommandError('render-failed', MESSAGES.renderFailed(layer, formatRanges(batch), reason));
      }
    }
    const seconds = (performance.now() - started) / 1000;
    // 4. Every objective value and pixel must be finite (a NaN image would be written as a black PNG).
    const bad = findNonFinite(results, channels, BATCH);
    if (bad !== null) {
      throw new CommandError(
        'non-finite-output',
        MESSAGES.nonFinite(escapeForMessage(args.layer), bad.channel, bad.what),
      );
    }
    // 5. Write PNGs and curves, each file atomically.
    await mkdir(args.out, { recursive: true });
    const [h, w, c] = adapter.inputShape;
    const size = h * w * c;
    const all = new Float32Array(channels.length * size);
    results.forEach((r, i) => all.set(r.images, i * BATCH * size));
    const base = fileSafe(args.layer);
    const scale = Math.max(1, Math.round(112 / Math.max(h, w)));
    await writeFileAtomic(
      join(args.out, `${base}.png`),
      imagesToPng(all, [channels.length, h, w, c], { scale }),
    );
    for (let j = 0; j < channels.length; j++) {
      await writeFileAtomic(
        join(args.out, `${base}-c${channels[j]}.png`),
        imagesToPng(all.subarray(j * size, (j + 1) * size), [1, h, w, c], { scale }),
      );
    }
    const curves = {
      model: modelName,
      layer: args.layer,
      channels,
      steps: args.steps,
      seed: args.seed,
      seconds,
      curveSteps: results[0]!.curveSteps,
      units: results.flatMap((r, i) =>
        Array.from(r.curve, (curve, b) => ({
          channel: channels[i * BATCH + b]!,
          objective: Array.from(curve),
          final: r.finalValues[b]!,
        })),
      ),
    };
    await writeFileAtomic(join(args.out, 'curves.json'), `${JSON.stringify(curves, null, 2)}\n`);
    console.log(
      `Wrote ${channels.length} channel images of '${args.layer}' and curves.json to ${args.out} (${seconds.toFixed(1)} s, ${args.steps} steps).`,
    );
    return 0;
  },
};
