import { decode } from 'fast-png';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfl from '@tensorflow/tfjs-layers';
import { referenceAdapter, smallRgbNet } from '../test-models.js';
import { ModelAdapter } from '@openbox/runtime';
import { neuron } from '../objectives/neuron.js';
import { pixelParam } from '../param/pixel.js';
import { sigmoidRange } from '../param/sigmoid-range.js';
import { renderUnits } from '../render/render-units.js';
import { filterGridPng } from '../io/png.js';
import { filterGrid } from './filter-grid.js';
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
    const gray = decode(filterGridPng(filterGrid(model), { scale: 4, columns: 8 }));
    expect([gray.width, gray.height]).toEqual([8 * 21 - 1, 2 * 21 - 1]);
    const rgb = filterGrid(smallRgbNet(32, 1));
    expect(rgb.channels).toBe(3);
    const png = decode(filterGridPng(rgb, { scale: 2, columns: 4 }));
    expect([png.width, png.height]).toEqual([4 * 11 - 1, 2 * 11 - 1]);
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
