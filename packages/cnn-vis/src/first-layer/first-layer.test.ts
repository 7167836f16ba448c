import { PNG } from 'pngjs';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '@openbox/datasets';
import type * as tfl from '@tensorflow/tfjs-layers';
import { referenceAdapter, smallRgbNet } from '../test-models.js';
import { ModelAdapter } from '../model/model-adapter.js';
import { neuron } from '../objectives/neuron.js';
import { pixelParam } from '../param/pixel.js';
import { sigmoidRange } from '../param/sigmoid-range.js';
import { renderUnits } from '../render/render-units.js';
import { filterGridPng } from '../io/png.js';
import { filterGrid } from './filter-grid.js';
import { LAPLACIAN_KERNEL, laplacianOnDigits } from './laplacian.js';
import { maxActivatingPatches } from './max-patch.js';
import { firstConvKernels, filterOf } from './first-conv.js';

let model: tfl.LayersModel;
beforeAll(async () => {
  model = (await referenceAdapter()).model;
});

describe('filterGrid', () => {
  it('maps every first-layer filter to [0, 1], per filter (min 0, max 1) or shared', () => {
    const grid = filterGrid(model);
    expect(grid.layer).toBe('conv1');
    expect(grid.filters).toHaveLength(16);
    expect(grid.rows).toHaveLength(16 * 25);
    for (const f of grid.filters) {
      expect(Math.min(...f.pixels)).toBeCloseTo(0, 6);
      expect(Math.max(...f.pixels)).toBeCloseTo(1, 6);
    }
    const shared = filterGrid(model, { scaling: 'shared' });
    const all = shared.filters.flatMap((f) => Array.from(f.pixels));
    expect(Math.min(...all)).toBeCloseTo(0, 6);
    expect(Math.max(...all)).toBeCloseTo(1, 6);
    // Shared scaling is one affine map of the weights: value = (w − lo) / (hi − lo) for every row.
    const lo = Math.min(...shared.rows.map((r) => r.weight));
    const hi = Math.max(...shared.rows.map((r) => r.weight));
    for (const r of shared.rows.slice(0, 50)) expect(r.value).toBeCloseTo((r.weight - lo) / (hi - lo), 5);
  });
  it('draws grayscale and RGB grids as PNGs of the expected size', () => {
    const gray = PNG.sync.read(filterGridPng(filterGrid(model), { scale: 4, columns: 8 }));
    expect([gray.width, gray.height]).toEqual([8 * 21 - 1, 2 * 21 - 1]);
    const rgb = filterGrid(smallRgbNet(32, 1));
    expect(rgb.channels).toBe(3);
    const png = PNG.sync.read(filterGridPng(rgb, { scale: 2, columns: 4 }));
    expect([png.width, png.height]).toEqual([4 * 11 - 1, 2 * 11 - 1]);
  });
});

describe("the seed's Laplacian kernel on real digits", () => {
  it('gives exactly 0 on flat patches and large values on edges', () => {
    const { test } = loadMnist({ seed: 0 });
    const n = 32;
    const report = laplacianOnDigits(test.features.subarray(0, n * 784), n, 28, 28);
    expect(report.responseShape).toEqual([n, 26, 26]);
    expect(report.flatPatches).toBeGreaterThan(1000);
    expect(report.maxAbsOnFlat).toBeLessThan(1e-6);
    expect(report.edgePatches).toBeGreaterThan(500);
    expect(report.meanAbsOnEdges).toBeGreaterThan(0.25);
    expect(report.stepEdgeResponse).toBe(-1);
    expect(report.flatResponse).toBeCloseTo(0, 12);
    expect(report.verdict).toBe('edge-detector');
  });
});

describe('the Laplacian kernel on hand-made 5×5 patches', () => {
  // 5×5 images, [y][x]; each gives a 3×3 'valid' response map whose entry (y, x) is centred on pixel (y + 1, x + 1).
  const flat = Array.from({ length: 5 }, () => [0.7, 0.7, 0.7, 0.7, 0.7]);
  const step = [0, 0, 1, 1, 1].map((v) => [v, v, v, v, v]); // rows 0–1 dark, rows 2–4 bright
  const line = Array.from({ length: 5 }, () => [0, 0, 1, 0, 0]); // a bright column at x = 2
  const dot = [0, 1, 2, 3, 4].map((y) => [0, 1, 2, 3, 4].map((x) => (x === 2 && y === 2 ? 1 : 0)));
  const ramp = Array.from({ length: 5 }, () => [0, 0.1, 0.2, 0.3, 0.4]); // range 0.2 in every 3×3 window
  const halfStep = [0, 0, 0.5, 0.5, 0.5].map((v) => [v, v, v, v, v]); // a step of exactly 0.5
  const images = [flat, step, line, dot, ramp, halfStep];
  // Responses by hand: up + down + left + right − 4·centre.
  const expected = [
    // flat: 4·0.7 − 4·0.7.
    [0, 0, 0, 0, 0, 0, 0, 0, 0],
    // step: centre row 1 sees one bright neighbour below (+1); row 2 is bright with one dark neighbour above
    // (0 + 1 + 1 + 1 − 4 = −1); row 3 is all bright (0).
    [1, 1, 1, -1, -1, -1, 0, 0, 0],
    // line: beside it one bright neighbour (+1); on it up + down − 4 = −2.
    [1, -2, 1, 1, -2, 1, 1, -2, 1],
    // dot: −4 on it, +1 at its four neighbours, 0 on the diagonals.
    [0, 1, 0, 1, -4, 1, 0, 1, 0],
    // ramp: 0.1·((x − 1) + (x + 1) + x + x − 4x) = 0, a linear image has no Laplacian.
    [0, 0, 0, 0, 0, 0, 0, 0, 0],
    // half step: the step's responses times 0.5.
    [0.5, 0.5, 0.5, -0.5, -0.5, -0.5, 0, 0, 0],
  ];

  it('is the 4-neighbour discrete Laplacian [[0, 1, 0], [1, −4, 1], [0, 1, 0]]', () => {
    expect(LAPLACIAN_KERNEL).toEqual([
      [0, 1, 0],
      [1, -4, 1],
      [0, 1, 0],
    ]);
  });

  it('gives the hand-computed responses on flat, step, line, dot, ramp and half-step patches', () => {
    const report = laplacianOnDigits(Float32Array.from(images.flat(2)), images.length, 5, 5);
    expect(report.responseShape).toEqual([6, 3, 3]);
    // Measured max error 3.0e-8 (the 0.1·x ramp is not exact in float32; the rest is); tolerance 3e-7 (10×).
    expectArraysClose(report.responses, expected.flat(), 3e-7, 'Laplacian responses');
    // Flat 3×3 windows: the 9 of `flat`, row 2 of `step` and of `halfStep` (3 each). Edge windows (range ≥ 0.5): rows
    // 0–1 of `step` and `halfStep` (6 each), all 9 of `line` and of `dot`; `ramp` (range 0.2) is neither.
    expect(report.flatPatches).toBe(15);
    expect(report.maxAbsOnFlat).toBeLessThan(1e-6);
    expect(report.edgePatches).toBe(30);
    // Σ|r| over the edge windows: step 6·1, line 3·(1 + 2 + 1) = 12, dot 4 + 4·1 = 8, half step 6·0.5 = 3 → 29/30.
    expect(report.meanAbsOnEdges).toBeCloseTo(29 / 30, 6);
    expect(report.stepEdgeResponse).toBe(-1);
    expect(report.flatResponse).toBeCloseTo(0, 12);
    expect(report.verdict).toBe('edge-detector');
  });
});

describe('max-activating patch vs filter', () => {
  it('box patch = 1[w > 0], L2 patch = w/‖w‖ (correlation 1), and no patch reaches more under its constraint', () => {
    const report = maxActivatingPatches(model);
    const k = firstConvKernels(model);
    expect(report.patches).toHaveLength(16);
    for (const p of report.patches) {
      const w = filterOf(k, p.filter);
      expect(p.l2Correlation).toBeCloseTo(1, 5);
      expect(Array.from(p.boxPatch)).toEqual(Array.from(w, (v) => (v > 0 ? 1 : 0)));
      // Any other box point does no better: flipping one pixel never raises the response.
      const b = k.bias?.[p.filter] ?? 0;
      for (let i = 0; i < w.length; i++) {
        const flipped = Float32Array.from(p.boxPatch);
        flipped[i] = 1 - flipped[i]!;
        expect(flipped.reduce((s, v, j) => s + v * w[j]!, b)).toBeLessThanOrEqual(p.boxResponse + 1e-6);
      }
    }
    expect(report.meanBoxCorrelation).toBeLessThan(0.99);
    expect(report.verdict).toBe('holds-under-box');
  });
  it('the optimizer under the [0,1] box (sigmoid pixels) finds the closed form 1[w > 0] for every conv1 filter', () => {
    const k = firstConvKernels(model);
    const filters = Array.from({ length: 16 }, (_, f) => f);
    // conv1's pre-activation at (y, x) = (10, 10) sees input rows/cols 10..14 and is linear in them.
    const r = renderUnits(new ModelAdapter(model), neuron('conv1:pre', filters, { x: 10, y: 10 }), {
      steps: 200,
      param: sigmoidRange(pixelParam()),
      transforms: null,
      seed: 0,
    });
    for (const f of filters) {
      const w = filterOf(k, f);
      let maxDiff = 0;
      for (let i = 0; i < 25; i++) {
        const [dy, dx] = [Math.floor(i / 5), i % 5];
        const pixel = r.images[f * 784 + (10 + dy) * 28 + 10 + dx]!;
        maxDiff = Math.max(maxDiff, Math.abs(pixel - (w[i]! > 0 ? 1 : 0)));
      }
      expect(maxDiff).toBeLessThan(0.05);
    }
  });
});
