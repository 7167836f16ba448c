/** The files the bad-input cases point at: CSVs, special files (FIFOs, device links), and damaged model folders. */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { buildReferenceCnn, initBackend, saveModel } from '@openbox/runtime';

/** Where the fixtures are and how to name paths among them. */
export interface Fixtures {
  readonly root: string;
  /** Path of a fixture file or folder. */
  readonly at: (name: string) => string;
  /** A fresh, not yet created output folder for one case (`root/out/<name>`). */
  readonly out: (name: string) => string;
  /** Removes everything. */
  readonly cleanup: () => void;
}

/** A model with a vector input (no image): commands that need images must refuse it by its shape. */
function vectorModel(): tfl.LayersModel {
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ inputShape: [12], units: 3, activation: 'softmax', name: 'out' }));
  return model;
}

/** A shadow-like first line whose hash part starts 22 characters in: beyond any short excerpt of the line's start. */
const SECRET_LINE = 'root:$6$Zx9q1w2e3r4t5y6SECRETHASHu7i8o9p0:19000:0:99999:7:::';
export const SECRET = 'SECRETHASH';

type ModelJson = {
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[];
  [k: string]: unknown;
};

/** Each damaged model folder: a name and how to damage a copy of the good one. */
const DAMAGES: Readonly<Record<string, (dir: string, json: ModelJson) => void>> = {
  'model-missing-weights': (dir) => rmSync(join(dir, 'weights.bin')),
  'model-fifo-weights': (dir) => {
    rmSync(join(dir, 'weights.bin'));
    execFileSync('mkfifo', [join(dir, 'weights.bin')]);
  },
  'model-zero-weights': (dir) => {
    rmSync(join(dir, 'weights.bin'));
    symlinkSync('/dev/zero', join(dir, 'weights.bin'));
  },
  'model-truncated': (dir) => truncateSync(join(dir, 'weights.bin'), 100),
  'model-extra-bytes': (dir) =>
    writeFileSync(
      join(dir, 'weights.bin'),
      Buffer.concat([readFileSync(join(dir, 'weights.bin')), Buffer.alloc(64)]),
    ),
  'model-nan': (dir) => poke(dir, Number.NaN),
  'model-inf': (dir) => poke(dir, Number.POSITIVE_INFINITY),
  'model-shape': (dir, json) => {
    json.weightsManifest[0]!.weights[0]!.shape = [16, 5, 5, 1]; // conv1/kernel is [5, 5, 1, 16]: same size, wrong shape
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  },
  'model-huge-claim': (dir, json) => {
    json.weightsManifest[0]!.weights[0]!.shape = [100_000, 100_000, 1, 16];
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  },
  'model-escape': (dir, json) => {
    json.weightsManifest[0]!.paths = ['../../../../../../etc/passwd'];
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  },
  'model-graph': (dir) =>
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({
        format: 'graph-model',
        modelTopology: { node: [{ name: 'x', op: 'Placeholder' }] },
        weightsManifest: [],
      }),
    ),
  'model-bad-json': (dir) => writeFileSync(join(dir, 'model.json'), '{"modelTopology": {'),
  'model-array-json': (dir) => writeFileSync(join(dir, 'model.json'), '[1, 2, 3]'),
  'model-secret': (dir) =>
    writeFileSync(join(dir, 'model.json'), `${SECRET_LINE}\nbin:*:19000:0:99999:7:::\n`),
  'model-no-manifest': (dir, json) => {
    delete (json as Record<string, unknown>)['weightsManifest'];
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  },
  'model-json-fifo': (dir) => {
    rmSync(join(dir, 'model.json'));
    execFileSync('mkfifo', [join(dir, 'model.json')]);
  },
  'model-json-zero': (dir) => {
    rmSync(join(dir, 'model.json'));
    symlinkSync('/dev/zero', join(dir, 'model.json'));
  },
  'model-json-empty': (dir) => writeFileSync(join(dir, 'model.json'), ''),
};
export const DAMAGED_MODELS = Object.keys(DAMAGES);

/** Writes one float32 value over the first weight of conv1's kernel. */
function poke(dir: string, value: number): void {
  const bytes = readFileSync(join(dir, 'weights.bin'));
  bytes.writeFloatLE(value, 0);
  writeFileSync(join(dir, 'weights.bin'), bytes);
}

/**
 * Builds every fixture in a fresh temp folder: the given text/binary files, FIFOs and device links, the good
 * (untrained reference CNN) model (`model/model.json`), each damaged copy (`<damage>/model.json`) and the vector-input model.
 */
export async function buildFixtures(files: Readonly<Record<string, string | Buffer>>): Promise<Fixtures> {
  const root = mkdtempSync(join(tmpdir(), 'openbox-bad-input-'));
  const at = (name: string) => (name.startsWith('/') ? name : join(root, name));
  // 1. Plain files.
  for (const [name, content] of Object.entries(files)) writeFileSync(at(name), content);
  // 2. Special files.
  execFileSync('mkfifo', [at('fifo.csv')]);
  symlinkSync('/dev/zero', at('zero-link.csv'));
  symlinkSync('/dev/urandom', at('urandom-link.csv'));
  mkdirSync(at('folder.csv'));
  // 3. Models.
  await initBackend();
  const model = buildReferenceCnn({ seed: 1 }); // untrained: real weights, the architecture users know
  await saveModel(model, at('model'));
  model.dispose();
  const vector = vectorModel();
  await saveModel(vector, at('model-vector'));
  vector.dispose();
  const good = JSON.parse(readFileSync(at('model/model.json'), 'utf8')) as ModelJson;
  for (const [name, damage] of Object.entries(DAMAGES)) {
    cpSync(at('model'), at(name), { recursive: true });
    damage(at(name), structuredClone(good));
  }
  mkdirSync(at('out'));
  tf.disposeVariables();
  return {
    root,
    at,
    out: (name: string) => join(root, 'out', name.replace(/[^A-Za-z0-9_-]+/g, '_')),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
