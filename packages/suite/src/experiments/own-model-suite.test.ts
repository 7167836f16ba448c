/**
 * The CNN experiments on a user's own model and images through the real runner: a functional RGB 64×64 LayersModel
 * with BatchNorm, and the same net as a graph model, on an RGB image folder (quick budget). Every experiment must end
 * with a verdict — holds, does not hold, or not applicable with a reason naming what is missing — and none may fail;
 * a bad folder fails the run before anything is written.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePatternImages, writeImageFolder } from '@openbox/datasets';
import { initBackend, saveModel } from '@openbox/runtime';
// @openbox/testing is not a dependency of this package (yet): its sources, as cnn-experiments.test reads charts'.
import { functionalRgbNet, saveGraphModel, toGraphModelArtifacts } from '../../../testing/src/index.js';
import { readExperimentResult } from '../read-results.js';
import type { ExperimentResult, Manifest } from '../results-format.js';
import { runSuite } from '../run-suite.js';
import { SUITE_EXPERIMENTS } from './registry.js';

/** The experiments that study the model under `--model` / `--images`. */
const CNN_IDS = SUITE_EXPERIMENTS.filter((e) => e.studiesModel === true).map((e) => e.id);
/** 200 pattern images: a 40-image test split, enough for the top-16 and top-20 selections. */
const IMAGES = 200;

/**
 * What each experiment must report on this model and data, where the claim cannot be measured: a phrase of its
 * not-applicable reason. Experiments not listed must reach holds or does-not-hold.
 */
const NOT_APPLICABLE_ON_IMAGES: Record<string, RegExp> = {
  'activation-maximization': /independently trained classifier of the same classes \(the judge\)/,
  'mode-vs-typical': /calibrated on MNIST digits/,
  'attribution-sanity': /only for MNIST digits/,
};

describe('the CNN experiments on your own model and images (quick)', () => {
  let root: string;
  let images: string;
  let layersPath: string;
  let graphPath: string;

  beforeAll(async () => {
    await initBackend();
    root = mkdtempSync(join(tmpdir(), 'openbox-own-model-'));
    images = join(root, 'images');
    await writeImageFolder(images, makePatternImages({ n: IMAGES, size: 64, seed: 0, channels: 3 }));
    const model = functionalRgbNet({ size: 64, seed: 0 });
    try {
      await saveModel(model, join(root, 'layers'));
      await saveGraphModel(toGraphModelArtifacts(model), join(root, 'graph'));
    } finally {
      model.dispose();
    }
    layersPath = join(root, 'layers', 'model.json');
    graphPath = join(root, 'graph', 'model.json');
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const run = (modelPath: string, out: string, workers: number) =>
    runSuite({
      experiments: SUITE_EXPERIMENTS,
      only: CNN_IDS,
      out,
      quick: true,
      seed: 0,
      modelPath,
      images: { dir: images },
      workers,
    });
  const resultsOf = (out: string, manifest: Manifest): ExperimentResult[] =>
    CNN_IDS.map((id) => readExperimentResult(out, manifest.runId, id)!);

  it('finishes every CNN experiment on the functional RGB 64×64 BatchNorm model (in 2 workers)', async () => {
    const out = join(root, 'results-layers');
    const started = performance.now();
    const manifest = await run(layersPath, out, 2);
    console.log(`own-model suite, LayersModel: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(
      manifest.experiments.map((e) => `${e.id} ${e.verdict?.status} ${e.durationMs} ms`).join('\n'),
    );
    expect(manifest.experiments.map((e) => [e.id, e.status, e.error])).toEqual(
      CNN_IDS.map((id) => [id, 'ok', undefined]),
    );
    for (const r of resultsOf(out, manifest)) {
      expect(r.metrics['model'], r.id).toBe(layersPath);
      expect(r.metrics['data'], r.id).toMatch(
        /^your images: .*, 2 classes, 200 images \(160 train, 40 test\)/,
      );
      const expected = NOT_APPLICABLE_ON_IMAGES[r.id];
      if (expected === undefined) expect(['holds', 'does-not-hold'], r.id).toContain(r.verdict.status);
      else {
        expect(r.verdict.status, r.id).toBe('not-applicable');
        expect(r.verdict.reason, r.id).toMatch(expected);
      }
    }
  }, 900_000);

  it('finishes every CNN experiment on the same net as a graph model; LayersModel-only claims say so', async () => {
    const out = join(root, 'results-graph');
    const started = performance.now();
    const manifest = await run(graphPath, out, 1);
    console.log(`own-model suite, GraphModel: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(
      manifest.experiments.map((e) => `${e.id} ${e.verdict?.status} ${e.durationMs} ms`).join('\n'),
    );
    expect(manifest.experiments.map((e) => [e.id, e.status, e.error])).toEqual(
      CNN_IDS.map((id) => [id, 'ok', undefined]),
    );
    for (const r of resultsOf(out, manifest)) {
      expect(r.metrics['model'], r.id).toBe(`${graphPath} (graph model)`);
      if (r.verdict.status !== 'not-applicable') continue;
      expect(r.verdict.reason, r.id).toMatch(
        NOT_APPLICABLE_ON_IMAGES[r.id] ??
          /only a LayersModel \(format 'layers-model'\) exposes|re-initialized copies of the model, which could not be built for the graph model/,
      );
    }
  }, 900_000);

  it('rejects a bad image folder before any experiment runs, naming the folder', async () => {
    const out = join(root, 'results-bad');
    const oneClass = join(root, 'one-class');
    const cats = makePatternImages({ n: 4, size: 8, seed: 0 });
    await writeImageFolder(oneClass, { ...cats, target: new Int32Array(4), classNames: ['cats'] });
    await expect(
      runSuite({
        experiments: SUITE_EXPERIMENTS,
        only: CNN_IDS,
        out,
        quick: true,
        modelPath: layersPath,
        images: { dir: oneClass },
      }),
    ).rejects.toThrow(oneClass);
    expect(readdirSync(root)).not.toContain('results-bad');
  });

  it('rejects images without a model, and a folder whose classes are not the outputs', async () => {
    const out = join(root, 'results-bad-2');
    await expect(
      runSuite({ experiments: SUITE_EXPERIMENTS, only: CNN_IDS, out, images: { dir: images } }),
    ).rejects.toThrow(
      /need your own model \(--model model.json\): the reference CNN classifies MNIST digits/,
    );
    const threeClasses = join(root, 'three');
    const three = makePatternImages({ n: 6, size: 8, seed: 1 });
    await writeImageFolder(threeClasses, {
      ...three,
      target: Int32Array.from(three.target, (_, i) => i % 3),
      classNames: ['a', 'b', 'c'],
    });
    await expect(
      runSuite({
        experiments: SUITE_EXPERIMENTS,
        only: CNN_IDS,
        out,
        modelPath: layersPath,
        images: { dir: threeClasses },
      }),
    ).rejects.toThrow(
      /has 2 outputs but the image folder .*three" has 3 class folders \(a, b, c\); the i-th folder \(sorted by name\) is the model's output i/,
    );
    expect(readdirSync(root)).not.toContain('results-bad-2');
  });
});
