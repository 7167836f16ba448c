/** `openbox visualize`: activation maximization of a layer's channels, written as PNGs plus a JSON of objective curves. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type * as tfl from '@tensorflow/tfjs-layers';
import {
  ModelAdapter,
  LOGITS_LAYER,
  channel,
  classLogit,
  imagesToPng,
  loadReferenceCnn,
  renderUnits,
} from '@openbox/cnn-vis';
import { initBackend, loadModel } from '@openbox/runtime';
import { UsageError, type Command } from '../command.js';

const USAGE = `openbox visualize [--model <model.json>] --layer <name> [--channels 0-7] [--steps N] [--seed N] --out <dir>

  --model     a tfjs LayersModel saved as model.json (default: the reference MNIST CNN, trained and cached on first use)
  --layer     layer to visualize; 'logits' for classes; '<conv or dense>:pre' for the value before its activation
  --channels  channels as ranges and lists, e.g. 0-7 or 0,3,5-6 (default: 0-7, or every channel if fewer)
  --steps     optimization steps (default 512); --seed N (default 0)
  --out       output directory: <layer>.png (all channels), <layer>-c<k>.png per channel, curves.json`;

/** Parses "0-7" / "0,3,5-6" into channel numbers; throws a UsageError naming the bad part. */
export function parseChannels(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (m === null)
      throw new UsageError(`--channels: '${part}' is not a channel number or a range like 0-7.`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) throw new UsageError(`--channels: range '${part}' runs backwards.`);
    for (let c = lo; c <= hi; c++) out.push(c);
  }
  return [...new Set(out)];
}

function integerOption(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer >= ${min}, got '${value}'.`);
  return n;
}

const fileSafe = (name: string) => name.replace(/[^A-Za-z0-9_.-]/g, '_');

export const visualizeCommand: Command = {
  summary: "activation maximization of a layer's channels (Lucid-style): PNGs plus objective curves as JSON",
  usage: USAGE,
  async run(argv) {
    // 1. Arguments.
    const { values } = parseArgs({
      args: [...argv],
      options: {
        model: { type: 'string' },
        layer: { type: 'string' },
        channels: { type: 'string' },
        steps: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
    });
    if (values.layer === undefined) throw new UsageError('--layer is required.');
    if (values.out === undefined) throw new UsageError('--out is required.');
    const steps = integerOption('steps', values.steps, 512, 1);
    const seed = integerOption('seed', values.seed, 0, 0);
    // 2. Model.
    await initBackend();
    let model: tfl.LayersModel;
    let modelName: string;
    if (values.model === undefined) {
      const ref = await loadReferenceCnn({
        onEpoch: (e, loss) =>
          console.log(`training the reference CNN (first use): epoch ${e}, loss ${loss.toFixed(4)}`),
      });
      model = ref.model;
      modelName = `reference MNIST CNN (${ref.dir}, test accuracy ${ref.meta.testAccuracy})`;
    } else {
      model = await loadModel(values.model);
      modelName = values.model;
    }
    const adapter = new ModelAdapter(model);
    let layerChannels: number;
    try {
      layerChannels = adapter.layer(values.layer, 'openbox visualize --layer').channels;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const channels =
      values.channels === undefined
        ? Array.from({ length: Math.min(8, layerChannels) }, (_, i) => i)
        : parseChannels(values.channels);
    const bad = channels.filter((c) => c >= layerChannels);
    if (bad.length > 0)
      throw new UsageError(
        `--channels ${bad.join(', ')} out of range: layer '${values.layer}' has channels 0..${layerChannels - 1}.`,
      );
    // 3. Optimize in batches of 16 channels.
    const started = performance.now();
    const results = [];
    for (let i = 0; i < channels.length; i += 16) {
      const batch = channels.slice(i, i + 16);
      const objective = values.layer === LOGITS_LAYER ? classLogit(batch) : channel(values.layer, batch);
      results.push(
        renderUnits(adapter, objective, {
          steps,
          seed: seed + i,
          onProgress: (p) =>
            console.log(
              `channels ${batch[0]}-${batch[batch.length - 1]}: step ${p.step}/${p.steps}, mean objective ${(p.values.reduce((a, b) => a + b, 0) / p.values.length).toFixed(4)}`,
            ),
          progressEvery: Math.max(1, Math.floor(steps / 4)),
        }),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    // 4. Write PNGs and curves.
    await mkdir(values.out, { recursive: true });
    const [h, w, c] = adapter.inputShape;
    const size = h * w * c;
    const all = new Float32Array(channels.length * size);
    results.forEach((r, i) => all.set(r.images, i * 16 * size));
    const base = fileSafe(values.layer);
    const scale = Math.max(1, Math.round(112 / Math.max(h, w)));
    await writeFile(join(values.out, `${base}.png`), imagesToPng(all, [channels.length, h, w, c], { scale }));
    for (let j = 0; j < channels.length; j++) {
      await writeFile(
        join(values.out, `${base}-c${channels[j]}.png`),
        imagesToPng(all.subarray(j * size, (j + 1) * size), [1, h, w, c], { scale }),
      );
    }
    const curves = {
      model: modelName,
      layer: values.layer,
      channels,
      steps,
      seed,
      seconds,
      curveSteps: results[0]!.curveSteps,
      units: results.flatMap((r, i) =>
        Array.from(r.curve, (curve, b) => ({
          channel: channels[i * 16 + b]!,
          objective: Array.from(curve),
          final: r.finalValues[b]!,
        })),
      ),
    };
    await writeFile(join(values.out, 'curves.json'), `${JSON.stringify(curves, null, 2)}\n`);
    console.log(
      `Wrote ${channels.length} channel images of '${values.layer}' and curves.json to ${values.out} (${seconds.toFixed(1)} s, ${steps} steps).`,
    );
    return 0;
  },
};
