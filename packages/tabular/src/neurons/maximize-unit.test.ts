import { describe, expect, it } from 'vitest';
import { tensorGrowth } from '@openbox/runtime';
import { fromLayersModel } from '../core/from-layers-model.js';
import type { ExplainedFunction } from '../core/explained-output.js';
import { MESSAGES } from '../messages.js';
import { jsFunction, randomMatrix, setupBackend, smallMlp } from '../test-models.js';
import { featureRanges } from './feature-ranges.js';
import { maximizeUnit } from './maximize-unit.js';
import { unitOutput } from './unit-output.js';

await setupBackend(); // before the table below builds its model

const FN = 'maximizeUnit';

describe('maximizeUnit', () => {
  it('on an affine unit ends exactly at the box corner given by the weights’ signs, rising all the way', () => {
    const model = smallMlp(4, [5], 1, 3);
    const u = unitOutput(fromLayersModel(model), 'hidden1', 2, { pre: true });
    const kernel = model.getLayer('hidden1').getWeights()[0]!.arraySync() as number[][];
    const w = kernel.map((row) => row[2]!);
    const data = randomMatrix(40, 4, 1, -2, 3);
    const { low, high } = featureRanges(data);
    const best = maximizeUnit(u, { data, steps: 60 }); // 0.05 of the range per step: 20 steps cross it
    const corner = Float64Array.from(w, (wj, j) => (wj > 0 ? high[j]! : low[j]!));
    expect(Array.from(best.row)).toEqual(Array.from(corner));
    expect(best.atUpper).toEqual(w.map((wj) => wj > 0));
    expect(best.atLower).toEqual(w.map((wj) => wj < 0));
    expect(best.value).toBe(u.evaluate({ data: corner, rows: 1, cols: 4 })[0]);
    expect(best.startValues.length).toBe(8);
    expect(best.trajectory.length).toBe(61);
    for (let t = 1; t < best.trajectory.length; t++)
      expect(best.trajectory[t]!).toBeGreaterThanOrEqual(best.trajectory[t - 1]! - 1e-5); // float32 noise
    expect(best.trajectory[60]!).toBeGreaterThan(best.trajectory[0]!);
    model.dispose();
  });

  it('on a deeper tanh unit stays in the box, rises, and beats 500 random points of the box', () => {
    const model = smallMlp(3, [6, 4], 1, 7);
    const u = unitOutput(fromLayersModel(model), 'hidden2', 1);
    const bounds = { low: [-1, 0, -2], high: [1, 0.5, 2] };
    const best = maximizeUnit(u, { bounds, steps: 80 });
    for (let j = 0; j < 3; j++) {
      expect(best.row[j]!).toBeGreaterThanOrEqual(bounds.low[j]!);
      expect(best.row[j]!).toBeLessThanOrEqual(bounds.high[j]!);
    }
    expect(best.trajectory[80]!).toBeGreaterThan(best.trajectory[0]!);
    expect(best.value).toBe(Math.max(...best.startValues));
    const probe = randomMatrix(500, 3, 11, 0, 1);
    for (let i = 0; i < probe.data.length; i++) {
      const j = i % 3;
      probe.data[i] = bounds.low[j]! + probe.data[i]! * (bounds.high[j]! - bounds.low[j]!);
    }
    expect(best.value).toBeGreaterThanOrEqual(Math.max(...u.evaluate(probe)) - 1e-6);
    model.dispose();
  });

  it('keeps a feature whose range is one point fixed; bounds win over data; seeds decide the starts', () => {
    const model = smallMlp(2, [3], 1, 1);
    const u = unitOutput(fromLayersModel(model), 'hidden1', 0);
    const data = randomMatrix(10, 2, 1);
    const fixed = maximizeUnit(u, { data, bounds: { low: [0.25, -1], high: [0.25, 1] }, steps: 20 });
    expect(fixed.row[0]).toBe(0.25);
    expect([fixed.atLower[0], fixed.atUpper[0]]).toEqual([true, true]);
    const a = maximizeUnit(u, { data, steps: 5, seed: 1 });
    expect(maximizeUnit(u, { data, steps: 5, seed: 1 })).toEqual(a);
    expect(maximizeUnit(u, { data, steps: 5, seed: 2 }).startValues).not.toEqual(a.startValues);
    model.dispose();
  });

  const model = smallMlp(2, [3], 1, 2);
  const u = unitOutput(fromLayersModel(model), 'hidden1', 0);
  const data = randomMatrix(5, 2, 3);
  const bound = 2 ** 31;
  it.each([
    [
      'a function without tensor form',
      jsFunction(2, () => 0, 'js'),
      { data },
      MESSAGES.noGradients(FN, 'js'),
    ],
    ['neither bounds nor data', u, {}, MESSAGES.noSearchBox(FN)],
    [
      'data of the wrong width',
      u,
      { data: [[0]] },
      MESSAGES.matrixShape(FN, 'options.data', 'row 0 with 1', 2),
    ],
    ['a short low bound', u, { bounds: { low: [0], high: [1, 1] } }, MESSAGES.boundsLength(FN, 'low', 1, 2)],
    ['no high bound', u, { bounds: { low: [0, 0] } }, MESSAGES.boundsLength(FN, 'high', undefined, 2)],
    [
      'an infinite bound',
      u,
      { bounds: { low: [0, 0], high: [1, Infinity] } },
      MESSAGES.boundNotFinite(FN, 'high', 1, Infinity),
    ],
    ['low above high', u, { bounds: { low: [0, 2], high: [1, 1] } }, MESSAGES.boundsOrder(FN, 1, 2, 1)],
    ['starts 0', u, { data, starts: 0 }, MESSAGES.positiveInteger(FN, 'options.starts', 0)],
    ['steps 1.5', u, { data, steps: 1.5 }, MESSAGES.positiveInteger(FN, 'options.steps', 1.5)],
    ['learning rate 0', u, { data, learningRate: 0 }, MESSAGES.positiveNumber(FN, 'options.learningRate', 0)],
    [
      'learning rate Infinity',
      u,
      { data, learningRate: Infinity },
      MESSAGES.positiveNumber(FN, 'options.learningRate', Infinity),
    ],
    ['seed 0.5', u, { data, seed: 0.5 }, MESSAGES.integerRange(FN, 'options.seed', 0.5, -bound, bound - 1)],
  ] as const)('refuses %s', (_, f, options, message) => {
    expect(() => maximizeUnit(f as ExplainedFunction, options as never)).toThrow(message);
  });

  it('leaves no tensor behind, also on an error path', async () => {
    expect(await tensorGrowth(() => maximizeUnit(u, { data, steps: 5 }))).toBe(0);
    const failing: ExplainedFunction = {
      ...u,
      tensor: (t) => {
        u.tensor!(t);
        throw new Error('boom');
      },
    };
    const attempt = () => {
      expect(() => maximizeUnit(failing, { data, steps: 5 })).toThrow('boom');
    };
    expect(await tensorGrowth(attempt)).toBe(0);
  });
});
