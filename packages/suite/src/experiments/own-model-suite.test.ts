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
import { functionalRgbNet, saveGraphModel, toGraphModelArtifacts } from '@openbox/testing';
import { readExperimentResult } from '../read-results.js';
import type { ExperimentResult, Manifest } from '../results-format.js';
import { runSuite } from '../run-suite.js';
import { SUITE_EXPERIMENTS } from './registry.js';

/** The experiments that study the model under `--model` / `--images`. */
const CNN_IDS = SUITE_EXPERIMENTS.filter((e) => e.studiesModel === true).map((e) => e.id);
/** 200 pattern images: a 40-image test split, enough for the top-16 and top-20 selections. */
const IMAGES = 200;

/** Not applicable on any non-MNIST data: the claim needs nets the suite trains only on MNIST. */
const NOT_APPLICABLE_ON_IMAGES: Record<string, RegExp> = {
  'activation-maximization': /independently trained classifier of the same classes \(the judge\)/,
  'mode-vs-typical': /calibrated on MNIST digits/,
  'attribution-sanity': /only for MNIST digits/,
};
/** What a graph model lacks: the layer objects (kernels) of a LayersModel. */
const NO_LAYER_OBJECTS = /only a LayersModel \(format 'layers-model'\) exposes; .* is a graph model/;
/**
 * Where the claim may be unmeasurable on this untrained net and its layers — each with the reason it must give:
 * too few test images both models classify correctly; a deep kernel that cannot be pulled back through BatchNorm.
 */
const MAY_BE_NOT_APPLICABLE: Record<string, RegExp> = {
  'adversarial-vs-logistic': /wanted 16 test digits that .* classifies correctly, found \d+/,
  'first-layer-easy-deeper-hard':
    /cannot be inverted that way \(compositeFilter: cannot push weights back through layer block1\/bn \(BatchNormalization\)/,
};

/** Every result's verdict: a measured one, or not applicable for a reason the model or data explain. */
function expectVerdict(r: ExperimentResult, graph: boolean): void {
  const always = NOT_APPLICABLE_ON_IMAGES[r.id];
  if (always !== undefined) {
    expect(r.verdict.status, r.id).toBe('not-applicable');
    expect(r.verdict.reason, r.id).toMatch(always);
    return;
  }
  if (r.verdict.status !== 'not-applicable') {
    expect(['holds', 'does-not-hold'], r.id).toContain(r.verdict.status);
    return;
  }
  const allowed = [MAY_BE_NOT_APPLICABLE[r.id], graph ? NO_LAYER_OBJECTS : undefined].filter(
    (re): re is RegExp => re !== undefined,
  );
  expect(allowed.length, `${r.id} is not applicable: ${r.verdict.reason}`).toBeGreaterThan(0);
  expect(
    allowed.some((re) => re.test(r.verdict.reason)),
    `${r.id}: ${r.verdict.reason}`,
  ).toBe(true);
}

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
      expectVerdict(r, false);
    }
    // The claims that need only the model and the images are measured, not skipped.
    const measured = [
      'cnn-filters-vs-lr-templates',
      'max-patch-vs-filter',
      'unimodality',
      'layer-is-a-basis',
      'attribution-vs-lr-template',
      'attribution-deletion',
    ];
    for (const id of measured)
      expect(manifest.experiments.find((e) => e.id === id)?.verdict?.status, id).not.toBe('not-applicable');
  }, 1_500_000);

  it('finishes every CNN experiment on the same net as a graph model; LayersModel-only claims say so', async () => {
    const out = join(root, 'results-graph');
    const started = performance.now();
    const manifest = await run(graphPath, out, 2);
    console.log(`own-model suite, GraphModel: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(
      manifest.experiments.map((e) => `${e.id} ${e.verdict?.status} ${e.durationMs} ms`).join('\n'),
    );
    expect(manifest.experiments.map((e) => [e.id, e.status, e.error])).toEqual(
      CNN_IDS.map((id) => [id, 'ok', undefined]),
    );
    const results = resultsOf(out, manifest);
    for (const r of results) {
      expect(r.metrics['model'], r.id).toBe(`${graphPath} (graph model)`);
      expectVerdict(r, true);
    }
    // The attribution claims run on the methods a graph takes, and say which they skipped.
    for (const id of ['attribution-vs-lr-template', 'attribution-deletion']) {
      const r = results.find((x) => x.id === id)!;
      expect(r.verdict.status, id).not.toBe('not-applicable');
      expect(r.metrics['skippedMethods'], id).toBe('DeepLIFT (zero reference), guided backprop');
      expect(r.verdict.reason, id).toContain('Not measured on this graph model');
    }
  }, 1_500_000);

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
