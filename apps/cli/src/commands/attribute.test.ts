import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, METHODS, saliency, type MethodInfo } from '@openbox/attribution';
import { loadReferenceCnn } from '@openbox/cnn-vis';
import { decodeImage, loadMnist } from '@openbox/datasets';
import { initBackend, loadModel, saveModel } from '@openbox/runtime';
import { runCommand } from '../test-run-command.js';
import { attributeCommand } from './attribute.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-attribute-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MODEL = join(dir, 'tiny', 'model.json');

/** A tiny 8×8×1 conv net: conv c1 (2 channels, tanh) → flatten → dense out (3 classes, softmax). */
function tinyModel(): tfl.Sequential {
  const model = tfl.sequential();
  const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
  model.add(
    tfl.layers.conv2d({
      inputShape: [8, 8, 1],
      filters: 2,
      kernelSize: 3,
      activation: 'tanh',
      name: 'c1',
      kernelInitializer: init(1),
    }),
  );
  model.add(tfl.layers.flatten({ name: 'f' }));
  model.add(tfl.layers.dense({ units: 3, activation: 'softmax', name: 'out', kernelInitializer: init(2) }));
  return model;
}

/** 8×8 images (nested arrays): candidate `k` is a seeded-looking sine pattern with its own frequency and sign. */
const candidate = (k: number): number[][][] =>
  Array.from({ length: 8 }, (_, y) =>
    Array.from({ length: 8 }, (_, x) => [
      (k % 2 === 0 ? 3 : -3) * Math.sin(1 + k * 2.1 + x * (0.3 + 0.2 * k) - y * (0.4 + 0.3 * k)),
    ]),
  );
/** Three inputs the tiny model does not all put in one class (chosen in `beforeAll`), so defaults are per input. */
let IMAGES: number[][][][] = [];
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  await initBackend();
  const model = tinyModel();
  await saveModel(model, join(dir, 'tiny'));
  const candidates = Array.from({ length: 24 }, (_, k) => candidate(k));
  const classes = tf.tidy(
    () => tf.argMax(model.predict(tf.tensor4d(candidates)) as tf.Tensor, 1).arraySync() as number[],
  );
  model.dispose();
  const firstOf = [...new Set(classes)].map((c) => classes.indexOf(c));
  IMAGES = [...firstOf, 0, 1, 2].slice(0, 3).map((k) => candidates[k]!);
  file('inputs.json', JSON.stringify(IMAGES));
});

const run = (argv: readonly string[]) => runCommand('attribute', argv);

/** Saliency called directly on the same model file and inputs, as nested arrays. */
async function directSaliency(images: number[][][][], targets: number[], abs = false): Promise<unknown> {
  const model = await loadModel(MODEL);
  const x = tf.tensor4d(images as number[][][][]);
  const { attributions } = saliency.attribute(model, x, { targets, abs });
  const nested = attributions.arraySync();
  tf.dispose([x, attributions]);
  model.dispose();
  return nested;
}

describe('openbox attribute', () => {
  it('--json: one object; targets default to the predictions; saliency equals saliency.attribute', async () => {
    const { code, out } = await run([
      '--model',
      MODEL,
      '--inputs',
      join(dir, 'inputs.json'),
      '--method',
      'saliency',
      '--json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(Object.keys(report).sort()).toEqual(['attributions', 'method', 'targets']);
    const model = await loadModel(MODEL);
    const predicted = tf.tidy(() =>
      Array.from(tf.argMax(model.predict(tf.tensor4d(IMAGES)) as tf.Tensor, 1).dataSync()),
    );
    model.dispose();
    expect(new Set(predicted).size).toBeGreaterThan(1); // the default is per input, not one class for all
    expect(report.targets).toEqual(predicted);
    expect(tf.tensor(report.attributions).shape).toEqual([3, 8, 8, 1]);
    // Same computation on the same float32 backend: equal to the last bit.
    expect(report.attributions).toEqual(await directSaliency(IMAGES, predicted));
  });

  it('--targets one for all and --abs pass through; no tensor is left behind', async () => {
    const argv = [
      '--model',
      MODEL,
      '--inputs',
      join(dir, 'inputs.json'),
      '--method',
      'saliency',
      '--targets',
      '2',
      '--abs',
      '--json',
    ];
    await run(argv);
    const before = tf.memory().numTensors;
    const { code, out } = await run(argv);
    expect(code).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    const report = JSON.parse(out);
    expect(report.targets).toEqual([2, 2, 2]);
    expect(report.attributions).toEqual(await directSaliency(IMAGES, [2, 2, 2], true));
  });

  it('--out writes one overlay PNG per input (upscaled to 224 px) and attributions.json', async () => {
    const out = join(dir, 'out-tiny');
    const { code } = await run([
      '--model',
      MODEL,
      '--inputs',
      join(dir, 'inputs.json'),
      '--method',
      'saliency',
      '--targets',
      '0,1,2',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'attributions.json',
      'input-0-target-0.png',
      'input-1-target-1.png',
      'input-2-target-2.png',
    ]);
    const png = decodeImage(readFileSync(join(out, 'input-1-target-1.png')), 'input-1-target-1.png');
    expect([png.width, png.height]).toEqual([224, 224]);
    const json = JSON.parse(readFileSync(join(out, 'attributions.json'), 'utf8'));
    expect(json.model).toBe(MODEL);
    expect(json.attributions).toEqual(await directSaliency(IMAGES, [0, 1, 2]));
  });

  it('the reference CNN with --digits: predicted digits, saliency as called directly', async () => {
    const { code, out } = await run(['--digits', '0,5', '--method', 'saliency', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    const { test } = loadMnist();
    const x = tf.tensor4d(
      Float32Array.from([...test.features.subarray(0, 784), ...test.features.subarray(5 * 784, 6 * 784)]),
      [2, 28, 28, 1],
    );
    const ref = await loadReferenceCnn();
    const predicted = tf.tidy(() => Array.from(tf.argMax(ref.model.predict(x) as tf.Tensor, 1).dataSync()));
    expect(report.targets).toEqual(predicted);
    expect(predicted).toEqual([test.target[0], test.target[5]]); // the reference CNN gets these two right
    const { attributions } = saliency.attribute(ref.model, x, { targets: predicted });
    expect(report.attributions).toEqual(attributions.arraySync());
    tf.dispose([x, attributions]);
    ref.model.dispose();
  });
});

describe('openbox attribute: method flags', () => {
  it('reach the method under its option names (abs, steps, rule, baselines, layer, window, stride, samples, noiseSd, seed)', async () => {
    const spy = vi.spyOn(METHODS.saliency, 'attribute');
    try {
      const argv = [
        '--model',
        MODEL,
        '--inputs',
        join(dir, 'inputs.json'),
        '--method',
        'saliency',
        '--targets',
        '1',
        '--json',
      ];
      const flags = [
        '--abs',
        '--steps',
        '7',
        '--ig-method',
        'riemann-left',
        '--baseline',
        'blur',
        '--layer',
        'c1',
      ];
      const more = [
        '--window',
        '3',
        '--stride',
        '1',
        '--samples',
        '5',
        '--noise-sd',
        '0.2',
        '--seed',
        '4',
        '--output',
        'model',
      ];
      expect((await run([...argv, ...flags, ...more])).code).toBe(0);
      expect(spy).toHaveBeenCalledTimes(1);
      const options = spy.mock.calls[0]![2];
      expect(options).toEqual({
        method: 'saliency',
        targets: [1, 1, 1],
        output: 'model',
        abs: true,
        steps: 7,
        rule: 'riemann-left',
        baselines: 'blur',
        layer: 'c1',
        window: 3,
        stride: 1,
        samples: 5,
        noiseSd: 0.2,
        seed: 4,
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('a method that needs a layer, without --layer: exit 2 listing the layers; an unknown --layer too', async () => {
    const method = METHODS.saliency as { info: MethodInfo };
    const info = method.info;
    method.info = { ...info, needsLayer: true };
    try {
      const argv = ['--model', MODEL, '--inputs', join(dir, 'inputs.json'), '--method', 'saliency'];
      const { code, err } = await run(argv);
      expect(code).toBe(2);
      expect(err.split('\n')[0]).toBe(
        'openbox attribute: --method saliency needs --layer NAME; layers in this model: c1, f, out.',
      );
      const unknown = await run([...argv, '--layer', 'c9']);
      expect(unknown.code).toBe(2);
      expect(unknown.err.split('\n')[0]).toBe(
        "openbox attribute: openbox attribute --layer: unknown layer 'c9'. Layers in this model: c1, f, out (plus 'input' and 'logits').",
      );
    } finally {
      method.info = info;
    }
  });
});

describe('openbox attribute: bad input ends with exit 2 and the exact message, nothing written', () => {
  const notJson = (() => {
    try {
      JSON.parse('[[[[NaN]]]]');
    } catch (error) {
      return (error as Error).message;
    }
    return '';
  })();
  const m = ['--model', MODEL, '--method', 'saliency'];
  const FILE_CASES = [
    'missing file',
    'not JSON (a literal NaN)',
    'not an array of images',
    'wrong shape (7 rows in image 1)',
    'an infinite value (1e999)',
  ];
  const inputs = (name: string): string => join(dir, name);
  it.each<[string, () => string[], string]>([
    [
      'missing file',
      () => [...m, '--inputs', inputs('none.json')],
      `--inputs: images file "${inputs('none.json')}" does not exist.`,
    ],
    [
      'not JSON (a literal NaN)',
      () => [...m, '--inputs', file('nan-literal.json', '[[[[NaN]]]]')],
      `--inputs '${inputs('nan-literal.json')}' is not JSON (${notJson}); write images as nested arrays of numbers (JSON has no NaN or Infinity).`,
    ],
    [
      'not an array of images',
      () => [...m, '--inputs', file('object.json', '{"x": 1}')],
      `--inputs '${inputs('object.json')}' must hold a non-empty JSON array of images [height][width][channels] (8×8×1 for this model).`,
    ],
    [
      'wrong shape (7 rows in image 1)',
      () => [...m, '--inputs', file('short.json', JSON.stringify([IMAGES[0], IMAGES[1]!.slice(1)]))],
      `--inputs '${inputs('short.json')}': inputs[1] must be an array of 8, got 7 entries (the model takes images of 8×8×1).`,
    ],
    [
      'an infinite value (1e999)',
      () => [
        ...m,
        '--inputs',
        file('inf.json', JSON.stringify(IMAGES).replace(/^\[\[\[\[[^\]]*\]/, '[[[[1e999]')),
      ],
      `--inputs '${inputs('inf.json')}': inputs[0][0][0][0] must be a finite number, got Infinity.`,
    ],
    [
      'unknown method',
      () => ['--model', MODEL, '--inputs', inputs('inputs.json'), '--method', 'lime'],
      `--method must be one of ${METHOD_NAMES.join(', ')}, got 'lime'.`,
    ],
    [
      'targets count mismatch',
      () => [...m, '--inputs', inputs('inputs.json'), '--targets', '1,2'],
      '--targets lists 2 classes for 3 inputs; give one per input or one for all.',
    ],
    [
      'target not a class',
      () => [...m, '--inputs', inputs('inputs.json'), '--targets', '3'],
      '--targets 3 is not a class of this model: it has classes 0..2.',
    ],
    [
      'both --inputs and --digits',
      () => [...m, '--inputs', inputs('inputs.json'), '--digits', '0'],
      'give exactly one of --inputs FILE, --digits 0,5,9 and --images DIR, got --inputs and --digits.',
    ],
    [
      'neither',
      () => [...m],
      'give exactly one of --inputs FILE, --digits 0,5,9 and --images DIR, got neither.',
    ],
    [
      '--class without --images',
      () => [...m, '--inputs', inputs('inputs.json'), '--class', 'cat'],
      '--class applies only to --images DIR.',
    ],
    [
      '--targets label without labels',
      () => [...m, '--inputs', inputs('inputs.json'), '--targets', 'label'],
      '--targets label needs labelled inputs (--images DIR or --digits), but --inputs has no labels; give class indices or predicted.',
    ],
    [
      '--digits with a model that does not take digits',
      () => [...m, '--digits', '0'],
      '--digits gives 28×28×1 MNIST digits, but this model takes 8×8×1 images; use --inputs FILE.',
    ],
  ])('%s', async (name, argv, message) => {
    // A bad images file is a bad file (exit 1, no usage, as a bad CSV or model); everything else is bad usage (exit 2).
    const badFile = FILE_CASES.includes(name);
    const out = join(dir, 'never');
    const before = tf.memory().numTensors;
    const { code, err } = await run([...argv(), '--out', out]);
    expect(code).toBe(badFile ? 1 : 2);
    expect(err.split('\n')[0]).toBe(`openbox attribute: ${message}`);
    expect(err.includes('Usage: openbox attribute')).toBe(!badFile);
    expect(existsSync(out)).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is registered: `openbox help` lists it', async () => {
    const { out } = await run(['--help']);
    expect(out).toBe(attributeCommand.usage);
  });
});
