/** `splitDataset`: a seeded, stratified train/test split of any `Dataset` (rows copied, `sourceIndex` kept). */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import { createRandom, shuffleInPlace } from '../random.js';
import type { Dataset } from '../types.js';

const FN = 'splitDataset';

/** Options of {@link splitDataset}. */
export interface SplitOptions {
  /** Fraction of each class put in `test`, in (0, 1). Default 0.2. */
  readonly testFraction?: number;
  /** Integer seed of the shuffles; same seed, same split. */
  readonly seed: number;
}

/**
 * Splits `dataset` by class, as `loadMnist` does: for each class, a seeded shuffle (mulberry32) puts
 * round(count × testFraction) rows in `test` — but at least 1 and at most count − 1 when the class has ≥ 2 rows,
 * so every such class is in both parts (a class of 1 row goes to `train`) — and the rest in `train`; each part is
 * then shuffled with the same generator. Works for tables and images alike (rows are `features.length / n` values).
 * `sourceIndex` is each row's index in `dataset` (composed with `dataset.sourceIndex` when it has one). Any other
 * fields of `dataset` (e.g. an `ImageFolder`'s `files`) are not carried over.
 * @example const { train, test } = splitDataset(await readImageFolder(dir, opts), { seed: 0 });
 */
export function splitDataset(dataset: Dataset, options: SplitOptions): { train: Dataset; test: Dataset } {
  // 1. Options.
  const testFraction = options?.testFraction ?? 0.2;
  const seed = options?.seed;
  if (!Number.isSafeInteger(seed))
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(FN, 'options.seed', 'an integer', seed),
    );
  if (!(testFraction > 0 && testFraction < 1))
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(FN, 'options.testFraction', 'a number in (0, 1)', testFraction),
    );
  const n = dataset.target.length;
  if (n < 2 || dataset.shape[0] !== n || dataset.features.length % n !== 0)
    throw new DatasetError(
      'shape-mismatch',
      MESSAGES.shapeMismatch(
        FN,
        `dataset needs ≥ 2 rows with shape[0] = target.length, got shape [${dataset.shape.join(', ')}] and ${n} labels`,
      ),
    );
  // 2. Per class: a seeded shuffle, the first k rows to test.
  const random = createRandom(seed as number);
  const byClass = dataset.classNames.map(() => [] as number[]);
  dataset.target.forEach((t, i) => byClass[t]?.push(i));
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of byClass) {
    const shuffled = shuffleInPlace([...rows], random);
    const k =
      shuffled.length < 2
        ? 0
        : Math.min(shuffled.length - 1, Math.max(1, Math.round(shuffled.length * testFraction)));
    test.push(...shuffled.slice(0, k));
    train.push(...shuffled.slice(k));
  }
  shuffleInPlace(train, random);
  shuffleInPlace(test, random);
  // 3. Copy the rows out.
  const split = `seed ${seed}, testFraction ${testFraction}`;
  return {
    train: subset(dataset, train, `train part (${split})`),
    test: subset(dataset, test, `test part (${split})`),
  };
}

function subset(dataset: Dataset, rows: readonly number[], part: string): Dataset {
  const width = dataset.features.length / dataset.target.length;
  const features = new Float32Array(rows.length * width);
  rows.forEach((src, i) =>
    features.set(dataset.features.subarray(src * width, (src + 1) * width), i * width),
  );
  const from = dataset.sourceIndex;
  return {
    name: dataset.name,
    features,
    shape: [rows.length, ...dataset.shape.slice(1)],
    featureNames: dataset.featureNames,
    target: Int32Array.from(rows, (r) => dataset.target[r]!),
    classNames: dataset.classNames,
    targetName: dataset.targetName,
    description: `${dataset.description} This is its ${part}: ${rows.length} of ${dataset.target.length} rows.`,
    source: dataset.source,
    license: dataset.license,
    missing: dataset.missing,
    sourceIndex: Int32Array.from(rows, (r) => (from === undefined ? r : from[r]!)),
  };
}
