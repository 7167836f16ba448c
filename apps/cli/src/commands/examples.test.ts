import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeImage, makePatternImages, readImageFolder, writeImageFolder } from '@openbox/datasets';
import { initBackend, loadModel, saveModel } from '@openbox/runtime';
// @openbox/testing is not a dependency of the CLI (no install in this change): its sources, by path.
import { functionalRgbNet } from '@openbox/testing';
import { UsageError } from '../errors.js';
import { main } from '../main.js';
import { saveTinyConvNets } from '../visualize/test-fixtures.js';
import { examplesCommand } from './examples.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const IMAGES = join(dir, 'images');
const models = { rgb: '', grey: '', functional: join(dir, 'functional', 'model.json') };

beforeAll(async () => {
  await initBackend();
  Object.assign(models, await saveTinyConvNets(dir));
  await writeImageFolder(IMAGES, makePatternImages({ n: 10, size: 16, seed: 4, channels: 3 }));
  const net = functionalRgbNet({ size: 64, seed: 3 });
  await saveModel(net, join(dir, 'functional'));
  net.dispose();
});

interface ExamplesJson {
  source: { kind: string; preprocessing: string; classNames: string[] };
  channels: {
    channel: number;
    file: string;
    examples: {
      rank: number;
      index: number;
      file?: string;
      label: number;
      className: string;
      activation: number;
      position?: { y: number; x: number };
      box?: { y0: number; x0: number; y1: number; x1: number };
    }[];
  }[];
}

/** Runs the command quietly; returns the exit code and what went to stdout. */
async function run(argv: string[]): Promise<{ code: number; stdout: string }> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    return { code: await examplesCommand.run(argv), stdout: out.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Max over positions of `layer`'s channel `ch` per image, computed with a plain tfjs sub-model (not the adapter). */
async function independentMaxima(
  modelPath: string,
  layer: string,
  features: Float32Array,
  shape: number[],
): Promise<number[][]> {
  const model = await loadModel(modelPath);
  const sub = tfl.model({
    inputs: model.inputs,
    outputs: model.getLayer(layer).output as tfl.SymbolicTensor,
  });
  const values = tf.tidy(() => {
    const a = sub.predict(tf.tensor4d(features, shape as [number, number, number, number])) as tf.Tensor4D;
    return tf.max(a, [1, 2]).arraySync() as number[][];
  });
  model.dispose();
  return values;
}

describe('openbox examples', () => {
  it('--images: the top k images per channel, ranked by their max activation, with file names and receptive-field boxes', async () => {
    const out = join(dir, 'out-rgb');
    const { code } = await run([
      '--model',
      models.rgb,
      '--layer',
      'c2',
      '--channels',
      '0,3',
      '--k',
      '3',
      '--images',
      IMAGES,
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['c2-c0.png', 'c2-c3.png', 'examples.json', 'index.html']);
    const json = JSON.parse(readFileSync(join(out, 'examples.json'), 'utf8')) as ExamplesJson;
    const data = await readImageFolder(IMAGES, { height: 16, width: 16, channels: 3 });
    const maxima = await independentMaxima(models.rgb, 'c2', data.features, [...data.shape]);
    expect(json.source.kind).toBe('images');
    expect(json.source.classNames).toEqual(['horizontal', 'vertical']);
    for (const { channel, examples } of json.channels) {
      const expected = maxima
        .map((row, i) => ({ i, v: row[channel]! }))
        .sort((a, b) => b.v - a.v)
        .slice(0, 3);
      expect(examples.map((e) => e.index)).toEqual(expected.map((e) => e.i));
      examples.forEach((e, r) => {
        expect(e.rank).toBe(r + 1);
        expect(e.activation).toBeCloseTo(expected[r]!.v, 5);
        expect(e.file).toBe(data.files[e.index]);
        expect(e.className).toBe(data.classNames[data.target[e.index]!]);
        // c1 (3×3) → pool 2 → c2 (3×3): a c2 unit at (y, x) sees rows 2y..2y+7 and columns 2x..2x+7.
        const { y, x } = e.position!;
        expect(e.box).toEqual({ y0: 2 * y, x0: 2 * x, y1: 2 * y + 8, x1: 2 * x + 8 });
      });
    }
    // The strip: 3 tiles of 16·7 = 112 px, 2 px apart, images above crops; the first tile's box corner is red.
    const strip = decodeImage(readFileSync(join(out, 'c2-c0.png')), 'c2-c0.png');
    expect([strip.width, strip.height]).toEqual([3 * 112 + 4, 2 * 112 + 2]);
    const { y0, x0 } = json.channels[0]!.examples[0]!.box!;
    const at = (7 * y0 * strip.width + 7 * x0) * strip.channels;
    expect(Array.from(strip.data.subarray(at, at + 3))).toEqual([255, 26, 26]);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain(`#1 ${json.channels[0]!.examples[0]!.file}`);
    expect(html.match(/<img /g)).toHaveLength(6);
  });

  it('--json prints only examples.json on stdout', async () => {
    const out = join(dir, 'out-json');
    const { stdout } = await run([
      '--model',
      models.rgb,
      '--layer',
      'out',
      '--channels',
      '1',
      '--k',
      '2',
      '--images',
      IMAGES,
      '--out',
      out,
      '--json',
    ]);
    const json = JSON.parse(stdout) as ExamplesJson;
    expect(json).toEqual(JSON.parse(readFileSync(join(out, 'examples.json'), 'utf8')));
    expect(json.channels[0]!.examples[0]!.box).toBeUndefined(); // a dense layer: whole images, no crop
  });

  it('the functional RGB 64×64 BatchNorm net, a layer with a slash in its name', async () => {
    const out = join(dir, 'out-functional');
    const { code } = await run([
      '--model',
      models.functional,
      '--layer',
      'block3/conv',
      '--channels',
      '0-1',
      '--k',
      '2',
      '--images',
      IMAGES,
      '--scale',
      'imagenet',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'block3_conv-c0.png',
      'block3_conv-c1.png',
      'examples.json',
      'index.html',
    ]);
    const json = JSON.parse(readFileSync(join(out, 'examples.json'), 'utf8')) as ExamplesJson;
    expect(json.source.preprocessing).toMatch(/ImageNet/);
    for (const e of json.channels.flatMap((c) => c.examples)) {
      expect(e.box!.x1 - e.box!.x0).toBeGreaterThan(0);
      expect(e.box!.y1).toBeLessThanOrEqual(64);
    }
  });

  it('without --images: MNIST test digits on the reference CNN', async () => {
    const out = join(dir, 'out-mnist');
    expect(
      (await run(['--layer', 'conv1', '--channels', '0', '--k', '2', '--limit', '40', '--out', out])).code,
    ).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'examples.json'), 'utf8')) as ExamplesJson;
    expect(json.source.kind).toBe('mnist-test');
    expect(json.channels[0]!.examples.every((e) => e.file === undefined && e.index < 40)).toBe(true);
  });

  it.each([
    [
      ['--model', 'M', '--layer', 'c1', '--scale', '-1-1', '--out', 'O'],
      '--scale sets how --images DIR is read and applies only with --images; the MNIST digits need none.',
    ],
    [
      ['--model', 'M', '--layer', 'c1', '--k', '0', '--out', 'O'],
      "--k must be an integer from 1 to 64, got '0'.",
    ],
    [
      ['--model', 'M', '--layer', 'c1', '--scale', 'caffe', '--images', 'I', '--out', 'O'],
      "--scale must be one of 0-1, -1-1, imagenet, got 'caffe'.",
    ],
  ])('bad arguments: %j', async (argv, message) => {
    const fixed = argv.map((a) =>
      a === 'M' ? models.rgb : a === 'O' ? join(dir, 'never') : a === 'I' ? IMAGES : a,
    );
    const thrown = await run(fixed).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).message).toBe(message);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('a 16×16 model without --images: a usage error naming --images', async () => {
    await expect(run(['--model', models.rgb, '--layer', 'c1', '--out', join(dir, 'never')])).rejects.toThrow(
      'this model takes 16×16×3 images, and the default MNIST digits are 28×28×1; give your own with --images DIR.',
    );
  });

  it('is registered: `openbox examples --help` prints its usage', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await main(['examples', '--help'])).toBe(0);
      expect(String(log.mock.calls[0]?.[0])).toMatch(/^openbox examples \[--model model.json\] --layer NAME/);
    } finally {
      log.mockRestore();
    }
  });
});
