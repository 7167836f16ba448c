import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './init-backend.js';
import { loadModel, saveModel } from './model-io.js';
import { ModelIoError, type ModelIoErrorCode } from './model-io-error.js';

/** conv1 (kernel [3,3,1,2] = 18 floats, bias 2) → flat → dense1 (kernel [32,3] = 96 floats, bias 3): 119 floats. */
function smallModel(): tfl.Sequential {
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv2d({
      name: 'conv1',
      inputShape: [6, 6, 1],
      filters: 2,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  model.add(tfl.layers.flatten({ name: 'flat' }));
  model.add(
    tfl.layers.dense({
      name: 'dense1',
      units: 3,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
    }),
  );
  return model;
}

const WEIGHT_BYTES = 119 * 4;
/** Float offsets of each weight in weights.bin, in manifest order. */
const CONV1_KERNEL = 0;
const DENSE1_KERNEL = 18 + 2;
const SECRET = `SECRET-TOKEN-${'k'.repeat(100)}-END`;

let root: string;
let base: string;

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  root = mkdtempSync(join(tmpdir(), 'openbox-model-io-'));
  base = join(root, 'base');
  const model = smallModel();
  await saveModel(model, base);
  model.dispose();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the saved model in its own folder; returns the folder. */
function copyOfBase(name: string): string {
  const dir = join(root, name);
  cpSync(base, dir, { recursive: true });
  return dir;
}
const modelJsonOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
const writeModelJson = (dir: string, json: unknown) =>
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
function setFloats(dir: string, at: number, values: readonly number[]): void {
  const bytes = readFileSync(join(dir, 'weights.bin'));
  values.forEach((v, i) => bytes.writeFloatLE(v, (at + i) * 4));
  writeFileSync(join(dir, 'weights.bin'), bytes);
}

interface DamageCase {
  /** Damages a fresh copy of the model folder `dir`; returns the model.json path to load (default dir/model.json). */
  readonly damage: (dir: string) => string | void;
  readonly code: ModelIoErrorCode;
  /** Phrases the message must contain; `<model>` and `<weights>` stand for the two files' paths. */
  readonly phrases: readonly string[];
  readonly layer?: string;
}

const CASES: Readonly<Record<string, DamageCase>> = {
  'weights.bin is a FIFO': {
    damage: (dir) => {
      rmSync(join(dir, 'weights.bin'));
      execFileSync('mkfifo', [join(dir, 'weights.bin')]);
    },
    code: 'not-a-regular-file',
    phrases: ['loadModel: weights file "<weights>" is a named pipe (FIFO), not a regular file'],
  },
  'weights.bin links to /dev/zero': {
    damage: (dir) => {
      rmSync(join(dir, 'weights.bin'));
      symlinkSync('/dev/zero', join(dir, 'weights.bin'));
    },
    code: 'not-a-regular-file',
    phrases: ['loadModel: weights file "<weights>" is a character device, not a regular file'],
  },
  'truncated weights': {
    damage: (dir) => {
      const full = readFileSync(join(dir, 'weights.bin'));
      writeFileSync(join(dir, 'weights.bin'), full.subarray(0, full.length - 8));
    },
    code: 'weights-size-mismatch',
    phrases: [
      `the weights file "<weights>" holds ${WEIGHT_BYTES - 8} bytes, but the weightsManifest of "<model>" needs ${WEIGHT_BYTES}; the file is truncated`,
    ],
  },
  'extra bytes after the weights': {
    damage: (dir) => writeFileSync(join(dir, 'weights.bin'), Buffer.alloc(8), { flag: 'a' }),
    code: 'weights-size-mismatch',
    phrases: [
      `the weights file "<weights>" holds ${WEIGHT_BYTES + 8} bytes, more than the ${WEIGHT_BYTES} the weightsManifest of "<model>" describes`,
    ],
  },
  'NaN weights': {
    damage: (dir) => setFloats(dir, CONV1_KERNEL + 4, [Number.NaN, Number.NaN, Number.NaN]),
    code: 'non-finite-weights',
    phrases: [
      'loadModel: in "<model>", conv1/kernel has 3 NaN or infinite values (of 18 in layer \'conv1\')',
    ],
    layer: 'conv1',
  },
  'infinite weights': {
    damage: (dir) => setFloats(dir, DENSE1_KERNEL + 50, [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]),
    code: 'non-finite-weights',
    phrases: ["dense1/kernel has 2 NaN or infinite values (of 96 in layer 'dense1')"],
    layer: 'dense1',
  },
  'a manifest shape of the same size that does not fit the layer': {
    damage: (dir) => {
      const json = modelJsonOf(dir);
      json.weightsManifest[0].weights[0].shape = [3, 3, 2, 1];
      writeModelJson(dir, json);
    },
    code: 'weight-shape-mismatch',
    phrases: [
      `in "<model>", layer 'conv1' has weight 'conv1/kernel' of shape [3, 3, 1, 2], but the weightsManifest gives it shape [3, 3, 2, 1]`,
    ],
    layer: 'conv1',
  },
  'a manifest shape that changes the weights size': {
    damage: (dir) => {
      const json = modelJsonOf(dir);
      json.weightsManifest[0].weights[2].shape = [32, 4];
      writeModelJson(dir, json);
    },
    code: 'weights-size-mismatch',
    phrases: [
      `holds ${WEIGHT_BYTES} bytes, but the weightsManifest of "<model>" needs ${WEIGHT_BYTES + 32 * 4}`,
    ],
  },
  'a weight the layers do not have': {
    damage: (dir) => {
      const json = modelJsonOf(dir);
      json.weightsManifest[0].weights[3].name = 'dense9/bias';
      writeModelJson(dir, json);
    },
    code: 'weights-mismatch',
    phrases: [
      'the weights in "<model>" do not fit its layers (Provided weight data has no target variable: dense9/bias)',
    ],
  },
  'a layer weight the manifest leaves out': {
    damage: (dir) => {
      const json = modelJsonOf(dir);
      json.weightsManifest[0].weights.pop();
      writeModelJson(dir, json);
      const full = readFileSync(join(dir, 'weights.bin'));
      writeFileSync(join(dir, 'weights.bin'), full.subarray(0, full.length - 12));
    },
    code: 'weights-mismatch',
    phrases: ['the weights in "<model>" do not fit its layers (1 of 4 weights are not set: dense1/bias)'],
  },
  'a GraphModel model.json': {
    damage: (dir) =>
      writeModelJson(dir, {
        format: 'graph-model',
        modelTopology: { node: [{ name: 'x', op: 'Placeholder' }], versions: { producer: 1 } },
        weightsManifest: [],
      }),
    code: 'graph-model',
    phrases: [
      'loadModel: "<model>" is a TensorFlow.js GraphModel (converted from a SavedModel/frozen graph); loadModel returns LayersModels only: load it with loadImageModel (an ImageModel for either kind) or loadGraphModel.',
    ],
  },
  'a GraphModel topology without a format field': {
    damage: (dir) => writeModelJson(dir, { modelTopology: { node: [] }, weightsManifest: [] }),
    code: 'graph-model',
    phrases: ['is a TensorFlow.js GraphModel'],
  },
  'a model.json whose first line is a raw secret': {
    damage: (dir) =>
      writeFileSync(join(dir, 'model.json'), `${SECRET}\n${readFileSync(join(dir, 'model.json'))}`),
    code: 'bad-json',
    phrases: [
      'loadModel: model.json "<model>" is not valid JSON: an unexpected character at line 1, column 1 (near "SECRET-TOKEN-',
    ],
  },
  'a model.json cut in half': {
    damage: (dir) => {
      const text = readFileSync(join(dir, 'model.json'), 'utf8');
      writeFileSync(join(dir, 'model.json'), text.slice(0, 100));
    },
    code: 'bad-json',
    phrases: ['is not valid JSON: it ends too early (truncated?) at line 1, column 101 (near "'],
  },
  'a model.json with a syntax error and control characters': {
    damage: (dir) => writeFileSync(join(dir, 'model.json'), '{"modelTopology": {},\n "x": \u001b[31m 1}'),
    code: 'bad-json',
    phrases: ['at line 2, column 7 (near "', '\\x1b[31m'],
  },
  'a model.json that is an array': {
    damage: (dir) => writeModelJson(dir, [1, 2]),
    code: 'not-layers-model',
    phrases: ['model.json "<model>" holds JSON an array, not an object'],
  },
  'a JSON without modelTopology': {
    damage: (dir) => writeModelJson(dir, { hello: 1 }),
    code: 'not-layers-model',
    phrases: ['"<model>" has no modelTopology object'],
  },
  'a topology with an unknown layer class': {
    damage: (dir) => {
      const json = modelJsonOf(dir);
      json.modelTopology.config.layers[1].class_name = 'Conv9D';
      writeModelJson(dir, json);
    },
    code: 'bad-topology',
    phrases: ['the modelTopology of "<model>" cannot be built into a LayersModel (Unknown layer: Conv9D'],
  },
  'no weightsManifest': {
    damage: (dir) => writeModelJson(dir, { ...modelJsonOf(dir), weightsManifest: undefined }),
    code: 'bad-weights-manifest',
    phrases: ['"<model>" has no weightsManifest'],
  },
  'a weight of dtype string': {
    damage: (dir) => {
      const json = modelJsonOf(dir);
      json.weightsManifest[0].weights[1].dtype = 'string';
      writeModelJson(dir, json);
    },
    code: 'bad-weights-manifest',
    phrases: [
      `the weightsManifest of "<model>" is malformed: group 0 weight 1 ('conv1/bias') has dtype "string"`,
    ],
  },
  'a manifest of absurd size': {
    damage: (dir) => {
      const json = modelJsonOf(dir);
      json.weightsManifest[0].weights[2].shape = [1e6, 1e6];
      writeModelJson(dir, json);
    },
    code: 'too-large',
    phrases: ['the weightsManifest of "<model>" describes 4000000000092 bytes of weights, over the limit'],
  },
  'a missing shard': {
    damage: (dir) => rmSync(join(dir, 'weights.bin')),
    code: 'missing-weights',
    phrases: ['loadModel: the weights file "<weights>" named in "<model>" does not exist.'],
  },
  'a shard path that leaves the folder': {
    damage: (dir) => {
      const json = modelJsonOf(dir);
      json.weightsManifest[0].paths = ['../../etc/passwd'];
      writeModelJson(dir, json);
    },
    code: 'weights-path-escapes',
    phrases: [`the weights path "../../etc/passwd" in "<model>" leaves the model's folder.`],
  },
  'an absolute shard path': {
    damage: (dir) => {
      const json = modelJsonOf(dir);
      json.weightsManifest[0].paths = ['/etc/passwd'];
      writeModelJson(dir, json);
    },
    code: 'weights-path-escapes',
    phrases: [`the weights path "/etc/passwd" in "<model>" leaves the model's folder.`],
  },
  'model.json is a FIFO': {
    damage: (dir) => {
      rmSync(join(dir, 'model.json'));
      execFileSync('mkfifo', [join(dir, 'model.json')]);
    },
    code: 'not-a-regular-file',
    phrases: ['loadModel: model.json "<model>" is a named pipe (FIFO), not a regular file'],
  },
  'model.json is missing': {
    damage: (dir) => rmSync(join(dir, 'model.json')),
    code: 'missing-file',
    phrases: ['loadModel: model.json "<model>" does not exist.'],
  },
  'a folder given instead of model.json': {
    damage: (dir) => dir,
    code: 'not-a-regular-file',
    phrases: ['is a folder, not a regular file'],
  },
};

describe('loadModel refuses a damaged model folder fast, naming the file, leaking nothing', () => {
  it.each(Object.entries(CASES))('%s', async (name, c) => {
    const dir = copyOfBase(name.replace(/[^a-z0-9]+/gi, '-'));
    const path = c.damage(dir) ?? join(dir, 'model.json');
    const tensors = tf.memory().numTensors;
    const started = performance.now();
    const error = await loadModel(path).then(
      (model) => model,
      (e: unknown) => e,
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(error).toBeInstanceOf(ModelIoError);
    const e = error as ModelIoError;
    expect(e.code).toBe(c.code);
    for (const phrase of c.phrases)
      expect(e.message).toContain(
        phrase
          .replaceAll('<model>', join(dir, 'model.json'))
          .replaceAll('<weights>', join(dir, 'weights.bin')),
      );
    expect(e.message).toContain(dir);
    expect(e.layer).toBe(c.layer);
    expect(e.message).not.toContain('\n');
    expect(e.message).not.toMatch(/\s+at \S+ \(/); // no stack frames
  });

  it('quotes at most 60 escaped characters of a secret first line', async () => {
    const dir = copyOfBase('secret-excerpt');
    CASES['a model.json whose first line is a raw secret']!.damage(dir);
    const message = await loadModel(join(dir, 'model.json')).then(
      () => '',
      (e: Error) => e.message,
    );
    let longest = 0;
    for (let from = 0; from < SECRET.length; from++)
      for (let to = from + longest + 1; to <= SECRET.length && message.includes(SECRET.slice(from, to)); to++)
        longest = to - from;
    expect(longest).toBeGreaterThan(10); // the excerpt shows where it failed…
    expect(longest).toBeLessThanOrEqual(60); // …but never the line
    expect(message).not.toContain(SECRET.slice(0, 61));
  });
});

describe('saveModel / loadModel', () => {
  it('round-trips architecture and weights: same predictions to the last bit, no tensor left', async () => {
    const model = smallModel();
    await saveModel(model, join(root, 'm'));
    const tensors = tf.memory().numTensors;
    const loaded = await loadModel(join(root, 'm', 'model.json'));
    const x = tf.randomUniform([2, 6, 6, 1], 0, 1, 'float32', 3);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(['Conv2D', 'Flatten', 'Dense']);
    tf.dispose([x, a, b]);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    model.dispose();
  });

  it('resolves to the sizes and SHA-256 of the files it wrote, and leaves no temp file', async () => {
    const model = smallModel();
    const info = await saveModel(model, join(root, 'digest'));
    model.dispose();
    const sha = (file: string) =>
      createHash('sha256')
        .update(readFileSync(join(root, 'digest', file)))
        .digest('hex');
    expect(info.weightsBytes).toBe(WEIGHT_BYTES);
    expect(info.weightsSha256).toBe(sha('weights.bin'));
    expect(info.modelJsonBytes).toBe(readFileSync(join(root, 'digest', 'model.json')).length);
    expect(info.modelJsonSha256).toBe(sha('model.json'));
    expect(readdirSync(join(root, 'digest')).sort()).toEqual(['model.json', 'weights.bin']);
  });

  it('loads weights split over several shards, in manifest order', async () => {
    const dir = copyOfBase('shards');
    const bytes = readFileSync(join(dir, 'weights.bin'));
    writeFileSync(join(dir, 'part-1.bin'), bytes.subarray(0, 100));
    writeFileSync(join(dir, 'part-2.bin'), bytes.subarray(100));
    const json = modelJsonOf(dir);
    json.weightsManifest[0].paths = ['part-1.bin', './part-2.bin'];
    writeModelJson(dir, json);
    const whole = await loadModel(join(base, 'model.json'));
    const split = await loadModel(join(dir, 'model.json'));
    const same = whole.getWeights().every((w, i) => {
      const other = split.getWeights()[i]!;
      return Buffer.from(w.dataSync().buffer).equals(Buffer.from(other.dataSync().buffer));
    });
    expect(same).toBe(true);
    whole.dispose();
    split.dispose();
  });

  it('refuses a second shard when the first already holds every byte', async () => {
    const dir = copyOfBase('shards-extra');
    writeFileSync(join(dir, 'extra.bin'), Buffer.alloc(4));
    const json = modelJsonOf(dir);
    json.weightsManifest[0].paths = ['weights.bin', 'extra.bin'];
    writeModelJson(dir, json);
    await expect(loadModel(join(dir, 'model.json'))).rejects.toMatchObject({
      code: 'weights-size-mismatch',
      file: join(dir, 'extra.bin'),
    });
  });

  it.each([
    [{ timeoutMs: 0 }, 'options.timeoutMs must be a positive number, got 0'],
    [{ maxModelJsonBytes: -1 }, 'options.maxBytes must be an integer >= 0, got -1'],
  ])('refuses bad options %j', async (options, message) => {
    await expect(loadModel(join(base, 'model.json'), options)).rejects.toThrow(`loadModel: ${message}.`);
  });

  it('refuses a model.json over maxModelJsonBytes, naming the option', async () => {
    await expect(loadModel(join(base, 'model.json'), { maxModelJsonBytes: 100 })).rejects.toThrow(
      /over the limit of 100 bytes; raise options\.maxModelJsonBytes\.$/,
    );
  });

  it('saveModel names the folder it cannot write', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    const model = smallModel();
    const error = await saveModel(model, join(file, 'sub')).then(
      () => undefined,
      (e: unknown) => e,
    );
    model.dispose();
    expect(error).toBeInstanceOf(ModelIoError);
    expect((error as ModelIoError).code).toBe('write-failed');
    expect((error as Error).message).toBe(
      `saveModel: cannot create the folder "${join(file, 'sub')}" (ENOTDIR).`,
    );
  });
});
