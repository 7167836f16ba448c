/** `openbox attribute --images DIR` on a functional RGB 64×64 BatchNorm net (layers and graph model) and an image folder. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePatternImages, readImageFolder, writeImageFolder } from '@openbox/datasets';
import { initBackend, loadImageModel, loadModel, saveModel } from '@openbox/runtime';
// @openbox/testing is not a dependency of the CLI (no install in this change): its sources, by path.
import { functionalRgbNet, saveGraphModel, toGraphModelArtifacts } from '@openbox/testing';
import { loadImagesForModel } from '../images-option.js';
import { runCommand } from '../test-run-command.js';
import { GRAPH_MODEL_METHODS } from './layers-only.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-attribute-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const IMAGES = join(dir, 'images');
const LAYERS = join(dir, 'layers', 'model.json');
const GRAPH = join(dir, 'graph', 'model.json');
const SIZE = 64;

/** The net's logits computed without the adapter: global-average-pool features · dense kernel + bias. */
async function independentLogits(x: tf.Tensor4D): Promise<number[][]> {
  const model = await loadModel(LAYERS);
  const features = tfl.model({ inputs: model.inputs, outputs: model.getLayer('head/gap').output });
  const [kernel, bias] = model.getLayer('head/dense').getWeights();
  const logits = tf.tidy(() => tf.add(tf.matMul(features.predict(x) as tf.Tensor2D, kernel!), bias!));
  const out = logits.arraySync() as number[][];
  tf.dispose([logits]);
  model.dispose();
  return out;
}

/** The folder's images (scale 0-1, as the CLI reads them) in the order of `files`. */
async function imagesOf(files: readonly string[]): Promise<tf.Tensor4D> {
  const folder = await readImageFolder(IMAGES, { height: SIZE, width: SIZE, channels: 3 });
  const size = SIZE * SIZE * 3;
  const data = new Float32Array(files.length * size);
  files.forEach((f, i) => {
    const row = folder.files.indexOf(f);
    data.set(folder.features.subarray(row * size, (row + 1) * size), i * size);
  });
  return tf.tensor4d(data, [files.length, SIZE, SIZE, 3]);
}

const run = (argv: readonly string[]) => runCommand('attribute', argv);

/** Per input, Σ of its attributions (nested [n][h][w][c] arrays). */
const sums = (attributions: number[][][][]): number[] =>
  attributions.map((image) => image.flat(2).reduce((a, b) => a + b, 0));

beforeAll(async () => {
  await initBackend();
  await writeImageFolder(IMAGES, makePatternImages({ n: 12, size: SIZE, seed: 0, channels: 3 }));
  const model = functionalRgbNet({ size: SIZE, seed: 3 });
  await saveModel(model, join(dir, 'layers'));
  await saveGraphModel(toGraphModelArtifacts(model), join(dir, 'graph'));
  model.dispose();
});

describe('openbox attribute --images', () => {
  it('integrated gradients: per-image files with file and class; completeness holds on what was written', async () => {
    const out = join(dir, 'out-ig');
    const argv = ['--model', LAYERS, '--images', IMAGES, '--limit', '4', '--method', 'integrated-gradients'];
    const { code } = await run([...argv, '--steps', '32', '--out', out]);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'attributions.json'), 'utf8'));
    // --limit 4 takes the classes in turn: two of each, in folder order; targets default to the labels.
    const inputs = report.inputs as { file: string; class: string; label: number; targetClass: string }[];
    expect(inputs.map((d) => d.class)).toEqual(['horizontal', 'horizontal', 'vertical', 'vertical']);
    expect(report.targets).toEqual(inputs.map((d) => d.label));
    expect(inputs.map((d) => d.targetClass)).toEqual(inputs.map((d) => d.class));
    expect(inputs.every((d) => d.file.startsWith(`${d.class}/`))).toBe(true);
    expect(report.preprocessing).toMatch(/pixels\/255/);
    const stem = (f: string) =>
      f
        .split('/')
        .pop()!
        .replace(/\.png$/, '');
    expect(readdirSync(out).sort()).toEqual(
      [
        'attributions.json',
        ...inputs.map((d, i) => `input-${i}-${d.class}-${stem(d.file)}-target-${d.label}.png`),
      ].sort(),
    );
    // Completeness, from the file: Σ attributions = f(x) − f(0) for the target logit (zero baseline), within the
    // 32-point quadrature's error; f from an independent forward pass of the saved model.
    const x = await imagesOf(inputs.map((d) => d.file));
    const zeros = tf.zerosLike(x);
    const [fx, f0] = [await independentLogits(x), await independentLogits(zeros)];
    tf.dispose([x, zeros]);
    const total = sums(report.attributions);
    report.targets.forEach((t: number, i: number) => {
      const gap = fx[i]![t]! - f0[i]![t]!;
      expect(Math.abs(total[i]! - gap)).toBeLessThan(0.02 * Math.max(1, Math.abs(gap)));
      // The report's delta is that same difference.
      expect(report.delta[i]).toBeCloseTo(total[i]! - gap, 3);
    });
  });

  it('--class, --targets predicted and --json; Grad-CAM on a layer named with a slash', async () => {
    const { code, out } = await run([
      ...['--model', LAYERS, '--images', IMAGES, '--class', 'vertical', '--targets', 'predicted'],
      ...['--method', 'gradcam', '--layer', 'block3/conv', '--json'],
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.inputs).toHaveLength(6);
    expect(report.inputs.every((d: { class: string }) => d.class === 'vertical')).toBe(true);
    const x = await imagesOf(report.inputs.map((d: { file: string }) => d.file));
    const logits = await independentLogits(x);
    x.dispose();
    expect(report.targets).toEqual(logits.map((l) => l.indexOf(Math.max(...l))));
    // Grad-CAM's map (after its ReLU) upsampled to the 64×64 input: never negative.
    expect(tf.tensor(report.attributions).shape).toEqual([6, SIZE, SIZE, 3]);
    expect(Math.min(...report.attributions.flat(4))).toBeGreaterThanOrEqual(0);
  });

  it('--targets by class name: the folder’s class of that name', async () => {
    const argv = ['--model', LAYERS, '--images', IMAGES, '--limit', '3', '--method', 'saliency', '--json'];
    const { code, out } = await run([...argv, '--targets', 'vertical']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.targets).toEqual([1, 1, 1]);
    expect(report.inputs.map((d: { targetClass: string }) => d.targetClass)).toEqual([
      'vertical',
      'vertical',
      'vertical',
    ]);
  });

  it('a graph model: saliency equals the layers model’s within float tolerance', async () => {
    const argv = ['--images', IMAGES, '--limit', '2', '--method', 'saliency', '--json'];
    const graph = await run(['--model', GRAPH, ...argv]);
    expect(graph.err).toBe('');
    expect(graph.code).toBe(0);
    const layers = await run(['--model', LAYERS, ...argv]);
    const [g, l] = [JSON.parse(graph.out), JSON.parse(layers.out)];
    expect(g.targets).toEqual(l.targets);
    const a = (g.attributions as number[][][][]).flat(3);
    const b = (l.attributions as number[][][][]).flat(3);
    const peak = Math.max(...b.map(Math.abs));
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeLessThan(1e-4 * peak);
  });

  it('a graph model: Grad-CAM on a node addressed by its slashed name equals Grad-CAM on the layer', async () => {
    const graph = await loadImageModel(GRAPH);
    const node = graph.layers().find((l) => l.name.includes('block3/conv') && l.outputShape.length === 4)!;
    (graph as unknown as { model: { dispose(): void } }).model.dispose();
    expect(node.name).toMatch(/\//);
    const argv = ['--images', IMAGES, '--limit', '2', '--method', 'gradcam', '--json'];
    const g = await run(['--model', GRAPH, ...argv, '--layer', node.name]);
    expect(g.err).toBe('');
    const l = await run(['--model', LAYERS, ...argv, '--layer', 'block3/conv']);
    const a = (JSON.parse(g.out).attributions as number[][][][]).flat(3);
    const b = (JSON.parse(l.out).attributions as number[][][][]).flat(3);
    const peak = Math.max(...b.map(Math.abs));
    expect(peak).toBeGreaterThan(0);
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeLessThan(1e-4 * peak);
  });
});

describe('openbox attribute --images: bad input, exact messages, nothing written', () => {
  const m = ['--method', 'saliency'];
  it.each<[string, () => string[], string]>([
    [
      'both --inputs and --images',
      () => [...m, '--model', LAYERS, '--inputs', join(dir, 'x.json'), '--images', IMAGES],
      'give exactly one of --inputs FILE, --digits 0,5,9 and --images DIR, got --inputs and --images.',
    ],
    [
      'an unknown --class',
      () => [...m, '--model', LAYERS, '--images', IMAGES, '--class', 'diagonal'],
      "--class 'diagonal' is not a class of the image folder; its classes: horizontal, vertical.",
    ],
    [
      'a LayersModel-only method on a graph model',
      () => ['--method', 'deeplift', '--model', GRAPH, '--images', IMAGES],
      `--method deeplift needs a LayersModel (it rewrites each activation's backward pass), but '${GRAPH}' is a graph model; methods that run on graph models: ${GRAPH_MODEL_METHODS.join(', ')}.`,
    ],
  ])('%s: exit 2', async (_, argv, message) => {
    const out = join(dir, 'never');
    const before = tf.memory().numTensors;
    const { code, err } = await run([...argv(), '--out', out]);
    expect(err.split('\n')[0]).toBe(`openbox attribute: ${message}`);
    expect(code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a truncated PNG in the folder: exit 1 with the reader’s message naming the file', async () => {
    const bad = join(dir, 'bad-images');
    await writeImageFolder(bad, makePatternImages({ n: 4, size: 16, seed: 1, channels: 3 }));
    const [cls] = readdirSync(bad);
    const [name] = readdirSync(join(bad, cls!));
    const file = join(bad, cls!, name!);
    writeFileSync(file, readFileSync(file).subarray(0, 40));
    const expected = await loadImagesForModel(
      { images: bad, scale: '0-1', fit: 'resize' },
      { inputShape: [SIZE, SIZE, 3] } as never,
      'openbox attribute',
    ).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(expected).toContain(file);
    const { code, err } = await run([...m, '--model', LAYERS, '--images', bad]);
    expect(code).toBe(1);
    expect(err.split('\n')[0]).toBe(`openbox attribute: ${expected}`);
  });
});
