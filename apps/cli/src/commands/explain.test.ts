import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPenguins, makeLogisticData, type Dataset } from '@openbox/datasets';
import { fitExactLogistic } from '@openbox/logistic';
import { initBackend, saveModel } from '@openbox/runtime';
import { sampleBackground } from '@openbox/tabular';
import { runCommand } from '../test-run-command.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-explain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

/** x1, x2 informative, x3 a dummy (true weight 0); y ∈ {0, 1}. */
const DATA = makeLogisticData({ n: 200, weights: [1.5, -1, 0], intercept: 0.2, seed: 5 });
const D = 3;
const PENGUINS = loadPenguins();

/** `ds` as a CSV: its feature columns (float32 values print and parse back exactly), then the class name. */
function csvOf(ds: Dataset, rows = ds.shape[0]!, columns = ds.featureNames): string {
  const d = ds.featureNames.length;
  const lines = [[...columns, ds.targetName].join(',')];
  for (let i = 0; i < rows; i++)
    lines.push([...ds.features.subarray(i * d, (i + 1) * d), ds.classNames[ds.target[i]!]].join(','));
  return `${lines.join('\n')}\n`;
}

/** A sigmoid MLP `inputs → 5 (tanh) → 1`, seeded. */
function sigmoidNet(inputs: number): tfl.LayersModel {
  const init = (seed: number) => tfl.initializers.glorotNormal({ seed });
  const model = tfl.sequential();
  model.add(
    tfl.layers.dense({ inputShape: [inputs], units: 5, activation: 'tanh', kernelInitializer: init(1) }),
  );
  model.add(tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(2) }));
  return model;
}

beforeAll(async () => {
  await initBackend();
  writeFileSync(at('data.csv'), csvOf(DATA));
  writeFileSync(at('penguins.csv'), csvOf(PENGUINS));
  // The first 30 rows without the target, with an extra column that must be ignored.
  const d = D;
  const bg = ['id,x3,x1,x2'];
  for (let i = 0; i < 30; i++) {
    const r = DATA.features.subarray(i * d, (i + 1) * d);
    bg.push(`${i},${r[2]},${r[0]},${r[1]}`);
  }
  writeFileSync(at('bg.csv'), `${bg.join('\n')}\n`);
  writeFileSync(at('bg-other.csv'), 'a,b,c\n1,2,3\n4,5,6\n');
  // One row (row 5 of the data), quoted names and cells, a quoted comma and quotes in an ignored column.
  const r5 = DATA.features.subarray(5 * d, 6 * d);
  writeFileSync(
    at('bg-one-row.csv'),
    `"note","x3","x1",x2\r\n"row 5, ""quoted""","${r5[2]}","${r5[0]}",${r5[1]}\r\n`,
  );
  const wide = Array.from({ length: 17 }, (_, j) => `f${j}`);
  const wideRows = Array.from(
    { length: 20 },
    (_, i) => `${wide.map((_, j) => ((i * 7 + j * 3) % 11) - 5).join(',')},${i % 2}`,
  );
  writeFileSync(at('wide.csv'), `${[...wide, 'y'].join(',')}\n${wideRows.join('\n')}\n`);
  for (const [name, inputs] of [
    ['net', 3],
    ['wide-net', 5],
  ] as const) {
    const model = sigmoidNet(inputs);
    await saveModel(model, at(name));
    model.dispose();
  }
}, 60_000);

const run = (argv: readonly string[]) => runCommand('explain', argv);

interface RowJson {
  row: number;
  class: string;
  prediction: number;
  baseValue: number;
  values: Record<string, number>;
  standardErrors?: Record<string, number>;
}
/** Runs with `--json`, expects exit 0, and parses stdout. */
async function json(argv: readonly string[]): Promise<Record<string, unknown>> {
  const { code, out, err } = await run([...argv, '--json']);
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out) as Record<string, unknown>;
}
const rowsOf = (report: Record<string, unknown>) => report['explanations'] as RowJson[];
const sum = (values: Record<string, number>) => Object.values(values).reduce((s, v) => s + v, 0);
const CSV = ['--csv', at('data.csv'), '--target', 'y'];

describe('openbox explain', () => {
  it('--json: exactly { method, output, features, explanations }; exact values sum to prediction − baseValue', async () => {
    const report = await json(CSV);
    expect(Object.keys(report)).toEqual(['method', 'output', 'features', 'explanations']);
    expect(report).toMatchObject({ method: 'exact', output: 'probability', features: ['x1', 'x2', 'x3'] });
    const rows = rowsOf(report);
    expect(rows.map((r) => r.row)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]); // default: the first 10
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(['row', 'class', 'prediction', 'baseValue', 'values']);
      expect(r.class).toBe('1'); // two classes: the second one
      // Efficiency holds exactly in float64; 1e-12 covers the sum's rounding.
      expect(Math.abs(sum(r.values) - (r.prediction - r.baseValue))).toBeLessThan(1e-12);
    }
  });

  it('--method linear --model lr --output logit is β ⊙ (x − mean of the background); exact agrees to 1e-9', async () => {
    const args = [...CSV, '--output', 'logit', '--rows', '3,5,8-10', '--seed', '7'];
    const linear = rowsOf(await json([...args, '--method', 'linear']));
    const exact = rowsOf(await json([...args, '--method', 'exact']));
    // The same fit and background, computed here from the same float32 cells.
    const fit = fitExactLogistic({ features: DATA.features, shape: DATA.shape, target: DATA.target });
    const x = { data: Float64Array.from(DATA.features), rows: 200, cols: D };
    const bg = sampleBackground(x, 100, 7);
    const mean = [0, 1, 2].map((j) => Array.from({ length: bg.rows }, (_, r) => bg.data[r * D + j]!));
    const means = mean.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
    expect(linear.map((r) => r.row)).toEqual([3, 5, 8, 9, 10]);
    linear.forEach((r, i) => {
      ['x1', 'x2', 'x3'].forEach((name, j) => {
        const expected = fit.coefficients[j]! * (x.data[r.row * D + j]! - means[j]!);
        expect(r.values[name]).toBeCloseTo(expected, 9); // float64 both ways; the fits are the same Newton run
        expect(exact[i]!.values[name]).toBeCloseTo(r.values[name]!, 9); // exact Shapley of an affine f
      });
      const eta =
        fit.intercept + [0, 1, 2].reduce((s, j) => s + fit.coefficients[j]! * x.data[r.row * D + j]!, 0);
      expect(r.prediction).toBeCloseTo(eta, 9);
    });
    // The dummy feature's share is small next to the real ones'.
    const mag = (name: string) => linear.reduce((s, r) => s + Math.abs(r.values[name]!), 0);
    expect(mag('x3')).toBeLessThan(0.2 * mag('x1'));
  });

  it('--background FILE without the target column (and an extra column): base value = f(mean of its rows)', async () => {
    const [r] = rowsOf(
      await json([
        ...CSV,
        '--output',
        'logit',
        '--method',
        'linear',
        '--rows',
        '0',
        '--background',
        at('bg.csv'),
      ]),
    );
    const fit = fitExactLogistic({ features: DATA.features, shape: DATA.shape, target: DATA.target });
    let base = fit.intercept;
    for (let j = 0; j < D; j++) {
      let m = 0;
      for (let i = 0; i < 30; i++) m += DATA.features[i * D + j]! / 30;
      base += fit.coefficients[j]! * m;
    }
    expect(r!.baseValue).toBeCloseTo(base, 9);
  });

  it('--background FILE of one row with quoted fields: base value = f(that row); exact = linear = β ⊙ (x − row)', async () => {
    const args = [...CSV, '--output', 'logit', '--rows', '0,1', '--background', at('bg-one-row.csv')];
    const linear = rowsOf(await json([...args, '--method', 'linear']));
    const exact = rowsOf(await json([...args, '--method', 'exact']));
    const fit = fitExactLogistic({ features: DATA.features, shape: DATA.shape, target: DATA.target });
    const eta = (row: number) =>
      fit.intercept + [0, 1, 2].reduce((s, j) => s + fit.coefficients[j]! * DATA.features[row * D + j]!, 0);
    expect(linear.map((r) => r.row)).toEqual([0, 1]);
    linear.forEach((r, i) => {
      // 1e-9: float64 sums of a few float32 products, the same cells on both sides.
      expect(r.baseValue).toBeCloseTo(eta(5), 9);
      ['x1', 'x2', 'x3'].forEach((name, j) => {
        const x = DATA.features[r.row * D + j]! - DATA.features[5 * D + j]!;
        expect(r.values[name]).toBeCloseTo(fit.coefficients[j]! * x, 9);
        // With one background row, the Shapley value of a linear logit is β_j (x_j − b_j) exactly.
        expect(exact[i]!.values[name]).toBeCloseTo(r.values[name]!, 9);
      });
    });
  });

  it('penguins (3 classes, --l2 1 --standardize): each row explains its predicted class; --class picks one', async () => {
    const args = ['--csv', at('penguins.csv'), '--target', 'species', '--l2', '1', '--standardize'];
    const rows = '0-3,150-152,300-302';
    const byClass: RowJson[][] = [];
    for (const name of PENGUINS.classNames)
      byClass.push(rowsOf(await json([...args, '--rows', rows, '--class', name])));
    const own = rowsOf(await json([...args, '--rows', rows]));
    own.forEach((r, i) => {
      const predictions = byClass.map((c) => c[i]!.prediction);
      const predicted = predictions.indexOf(Math.max(...predictions));
      expect(r.class).toBe(PENGUINS.classNames[predicted]);
      expect(r.values).toEqual(byClass[predicted]![i]!.values);
    });
    expect(new Set(own.map((r) => r.class)).size).toBe(3);
    // --class by index is the same class as by name.
    expect(rowsOf(await json([...args, '--rows', '0', '--class', '2']))[0]!.class).toBe(
      PENGUINS.classNames[2],
    );
  });

  it('--method kernel gives standard errors; sampled (d = 17 > 16 defaults to kernel)', async () => {
    const report = await json([
      '--csv',
      at('wide.csv'),
      '--target',
      'y',
      '--l2',
      '1',
      '--rows',
      '0-1',
      '--samples',
      '200',
    ]);
    expect(report['method']).toBe('kernel');
    for (const r of rowsOf(report)) {
      expect(Object.keys(r.standardErrors!)).toHaveLength(17);
      expect(Math.max(...Object.values(r.standardErrors!))).toBeGreaterThan(0); // 200 of 2^17 coalitions
      expect(Math.abs(sum(r.values) - (r.prediction - r.baseValue))).toBeLessThan(1e-9); // efficiency is imposed
    }
  });

  it('--model mlp: same --seed, same values; another seed, other values', async () => {
    const args = [...CSV, '--model', 'mlp', '--hidden', '6', '--rows', '0-2'];
    const a = await json([...args, '--seed', '3']);
    const b = await json([...args, '--seed', '3']);
    const c = await json([...args, '--seed', '4']);
    expect(b).toEqual(a);
    expect(rowsOf(c)[0]!.values).not.toEqual(rowsOf(a)[0]!.values);
  }, 30_000);

  it('--model mlp --save-model DIR saves the trained MLP; --model DIR/model.json explains it to the same values', async () => {
    const args = [...CSV, '--rows', '0-2', '--output', 'logit'];
    const trained = await json([
      ...args,
      '--model',
      'mlp',
      '--hidden',
      '6',
      '--seed',
      '3',
      '--save-model',
      at('saved-mlp'),
    ]);
    // Same --seed: the background sample is drawn from it too.
    const reloaded = await json([...args, '--model', join(at('saved-mlp'), 'model.json'), '--seed', '3']);
    expect(reloaded).toEqual(trained);
    const refused = await run([...CSV, '--save-model', at('nowhere')]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--save-model');
  }, 30_000);

  it('--model PATH: the saved model explained as it is; integrated gradients complete to 1e-4; no tensor left', async () => {
    const args = [
      ...CSV,
      '--model',
      at('net/model.json'),
      '--method',
      'integrated-gradients',
      '--output',
      'logit',
    ];
    const before = tf.memory().numTensors;
    const rows = rowsOf(await json([...args, '--rows', '0-4']));
    expect(tf.memory().numTensors).toBe(before);
    const failed = await run([...args, '--class', 'nope']); // an error after the model is loaded
    expect(failed.code).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    const model = sigmoidNet(3);
    const x = tf.tensor2d(DATA.features.subarray(0, 5 * D), [5, D]);
    const p = (model.predict(x) as tf.Tensor).dataSync();
    tf.dispose([x, model.predict(x) as tf.Tensor]);
    model.dispose();
    rows.forEach((r, i) => {
      expect(r.prediction).toBeCloseTo(Math.log(p[i]! / (1 - p[i]!)), 4); // float32 model, logit of p
      expect(Math.abs(sum(r.values) - (r.prediction - r.baseValue))).toBeLessThan(1e-4); // 50-node quadrature
    });
  });

  it('--method all: every local method that applies, keyed by name, the others listed as skipped', async () => {
    const logit = await json([...CSV, '--method', 'all', '--output', 'logit', '--rows', '0-1']);
    expect(Object.keys(logit)).toEqual([
      'method',
      'output',
      'features',
      'methods',
      'skipped',
      'explanations',
    ]);
    const all = ['exact', 'kernel', 'linear', 'integrated-gradients', 'expected-gradients'];
    expect(logit['methods']).toEqual(all);
    expect(logit['skipped']).toEqual({});
    const explanations = logit['explanations'] as Record<string, RowJson[]>;
    expect(Object.keys(explanations)).toEqual(all);
    for (const method of ['exact', 'kernel', 'linear'])
      for (const r of explanations[method]!)
        expect(Math.abs(sum(r.values) - (r.prediction - r.baseValue))).toBeLessThan(1e-9);
    const probability = await json([...CSV, '--method', 'all', '--rows', '0']);
    expect(probability['methods']).toEqual(all.filter((m) => m !== 'linear'));
    expect(Object.keys(probability['skipped'] as object)).toEqual(['linear']);
  });

  it('--method permutation: { method, output, features, baseline, importance } on every row; the dummy ranks last', async () => {
    const report = await json([...CSV, '--method', 'permutation']);
    expect(Object.keys(report)).toEqual(['method', 'output', 'features', 'baseline', 'importance']);
    expect(report['output']).toBe('log-loss'); // permutationImportance's default metric
    const importance = report['importance'] as { feature: string; mean: number }[];
    expect(importance.map((r) => r.feature)).toEqual(['x1', 'x2', 'x3']);
    expect(Object.keys(importance[0]!)).toEqual(['feature', 'mean', 'sd', 'low', 'high']);
    expect(importance[2]!.mean).toBeLessThan(Math.min(importance[0]!.mean, importance[1]!.mean));
    const { out } = await run([...CSV, '--method', 'permutation']);
    expect(out).toContain("how much log-loss worsens (rises) when a feature's column is shuffled");
    expect(out).toMatch(/95% interval/);
    expect(
      out
        .split('\n')
        .filter((l) => /^x\d /.test(l))
        .at(-1),
    ).toMatch(/^x3 /); // sorted, the dummy last
  });

  it('without --json: a table per row, features sorted by |value|, with the base value', async () => {
    const { code, out } = await run([...CSV, '--rows', '4']);
    expect(code).toBe(0);
    const report = rowsOf(await json([...CSV, '--rows', '4']))[0]!;
    expect(out).toContain('exact: 1 row explained, probability space.');
    expect(out).toMatch(/^Row 4, class '1': probability \S+ = base value \S+ \+ \S+ \(sum of the values\)$/m);
    const order = Object.entries(report.values)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
      .map(([name]) => name);
    const lines = out.split('\n').filter((l) => /^x\d /.test(l));
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(order);
  });
});

describe('openbox explain: bad input', () => {
  const csv = at('data.csv');
  it.each<[string, readonly string[], 1 | 2, string]>([
    [
      'a missing --csv file',
      ['--csv', at('nope.csv'), '--target', 'y'],
      1,
      `CSV file "${at('nope.csv')}" does not exist.`,
    ],
    ['an unknown --target', ['--csv', csv, '--target', 'nope'], 1, 'options.target "nope" is not a column'],
    [
      'an unknown feature',
      [...CSV, '--features', 'x1,zz'],
      1,
      'options.features names "zz", which is not a column',
    ],
    [
      '--rows out of range',
      [...CSV, '--rows', '5,199-250'],
      2,
      `--rows 199-250 out of range: --csv '${csv}' has data rows 0..199.`,
    ],
    [
      '--method linear with --model mlp',
      [...CSV, '--method', 'linear', '--model', 'mlp', '--output', 'logit'],
      2,
      "--method linear is LinearSHAP's closed form β ⊙ (x − E[x]), exact only for a logistic regression explained in log-odds: --model mlp is not a logistic regression. Use --model lr --output logit (two classes), or --method exact or kernel.",
    ],
    [
      '--method linear in probability space',
      [...CSV, '--method', 'linear'],
      2,
      '--output probability is σ of the log-odds, which is not linear in x.',
    ],
    [
      '--method linear with 3 classes',
      ['--csv', at('penguins.csv'), '--target', 'species', '--method', 'linear', '--output', 'logit'],
      2,
      "--target has 3 classes, and one class's log-odds against the rest is not linear in x.",
    ],
    [
      'an unknown --method',
      [...CSV, '--method', 'lime'],
      2,
      "--method must be one of exact, kernel, linear, integrated-gradients, expected-gradients, permutation, all, got 'lime'.",
    ],
    [
      '--samples 0',
      [...CSV, '--samples', '0'],
      2,
      "--samples must be an integer from 2 to 1000000, got '0'.",
    ],
    [
      '--background-size abc',
      [...CSV, '--background-size', 'abc'],
      2,
      "--background-size must be an integer from 1 to 100000, got 'abc'.",
    ],
    [
      'both --background and --background-size',
      [...CSV, '--background', at('bg.csv'), '--background-size', '10'],
      2,
      'give at most one of --background FILE and --background-size N, got both.',
    ],
    [
      'a --background CSV with other columns',
      [...CSV, '--background', at('bg-other.csv')],
      1,
      `"${at('bg-other.csv')}"`,
    ],
    [
      'a model with the wrong input width',
      [...CSV, '--model', at('wide-net/model.json')],
      1,
      `--model '${at('wide-net/model.json')}' takes 5 input features, but the table gives 3 (x1, x2, x3); choose the columns it was trained on with --features a,b,c (in its order).`,
    ],
    [
      'an unknown --class',
      [...CSV, '--class', 'maybe'],
      2,
      "--class 'maybe' is not a class of --target y: give a name or an index of 0 '0', 1 '1'.",
    ],
    [
      '--hidden without --model mlp',
      [...CSV, '--hidden', '8'],
      2,
      "--hidden sets the MLP's hidden layers and applies only to --model mlp, got --model lr.",
    ],
    [
      '--method exact with 17 features',
      ['--csv', at('wide.csv'), '--target', 'y', '--method', 'exact'],
      2,
      '--method exact enumerates 2^d coalitions and takes at most 16 features; this table has 17. Use --method kernel (sampled, with standard errors) or fewer --features.',
    ],
    [
      'a separable table without --l2',
      ['--csv', at('penguins.csv'), '--target', 'species'],
      1,
      'complete separation',
    ],
  ])('%s', async (_name, args, exit, message) => {
    const { code, out, err } = await run(args);
    expect(code).toBe(exit);
    expect(out).toBe('');
    expect(err).toContain(message);
    if (exit === 2) expect(err).toContain('Usage: openbox explain');
  });
});
