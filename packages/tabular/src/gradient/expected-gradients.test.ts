import { beforeAll, describe, expect, it } from 'vitest';
import { tensorGrowth } from '@openbox/runtime';
import { expectArraysClose } from '@openbox/testing';
import { fitExactLogistic } from '@openbox/logistic';
import { makeLogisticData } from '@openbox/datasets';
import { explainedOutput, type ExplainedFunction } from '../core/explained-output.js';
import { fromLayersModel } from '../core/from-layers-model.js';
import { fromLogistic } from '../core/from-logistic.js';
import { columnMeans } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';
import { jsFunction, randomMatrix, setupBackend, smallMlp } from '../test-models.js';
import { expectedGradients } from './expected-gradients.js';

beforeAll(setupBackend);

const FN = 'expectedGradients';
const data = makeLogisticData({ n: 300, weights: [1, -2, 0.5, 0], intercept: 0.2, seed: 8 });
const fit = fitExactLogistic(data);
const lrLogit = () => explainedOutput(fromLogistic(fit), { output: 'logit' });

describe('expectedGradients', () => {
  it('on an affine f is w ⊙ (x − E_bg x) within 4 standard errors, with E_bg f as base', () => {
    const f = lrLogit();
    const x = randomMatrix(3, 4, 1, -2, 2);
    const background = randomMatrix(30, 4, 2, -1.5, 1.5);
    const e = expectedGradients.explain(f, x, { background, samples: 400, seed: 3 });
    const mean = columnMeans(background);
    for (let i = 0; i < e.values.length; i++) {
      const expected = fit.coefficients[i % 4]! * (x.data[i]! - mean[i % 4]!);
      const se = e.standardErrors![i]!;
      expect(Math.abs(e.values[i]! - expected)).toBeLessThanOrEqual(4 * se + 1e-6);
      // The SE is that of a mean of w_j (x_j − b_j) over drawn rows: about |w_j| sd(b_j) / √S, never 0 but for w_j = 0.
      if (fit.coefficients[i % 4] !== 0) expect(se).toBeGreaterThan(0);
    }
    const meanF = f.evaluate(background).reduce((s, v) => s + v, 0) / 30;
    expect(e.baseValue).toBeCloseTo(meanF, 12);
    expectArraysClose(e.predictions, f.evaluate(x), 0);
  });

  it('an MLP’s efficiency gap shrinks with samples (16 → 256 → 4096)', () => {
    const model = smallMlp(4, [8], 1, 5);
    const f = explainedOutput(fromLayersModel(model), { output: 'logit' });
    const x = randomMatrix(8, 4, 4, -2, 2);
    const background = randomMatrix(40, 4, 5, -2, 2);
    const gap = (samples: number) => {
      const delta = expectedGradients.explain(f, x, { background, samples, seed: 1 }).delta!;
      return delta.reduce((s, v) => s + Math.abs(v), 0) / delta.length;
    };
    const [g16, g256, g4096] = [gap(16), gap(256), gap(4096)];
    console.log(
      `EG mean |delta|: 16 samples ${g16.toExponential(2)}, 256 ${g256.toExponential(2)}, 4096 ${g4096.toExponential(2)}`,
    );
    expect(g256).toBeLessThan(g16 / 2); // 1/√S predicts a factor 4 per step
    expect(g4096).toBeLessThan(g256 / 2);
    model.dispose();
  });

  it('same seed, same output; another seed, another output', () => {
    const model = smallMlp(3, [5], 1, 9);
    const f = explainedOutput(fromLayersModel(model), { output: 'logit' });
    const x = randomMatrix(2, 3, 6);
    const background = randomMatrix(10, 3, 7);
    const run = (seed?: number) =>
      expectedGradients.explain(f, x, { background, samples: 20, ...(seed === undefined ? {} : { seed }) });
    const a = run(4);
    expect(run(4).values).toEqual(a.values);
    expect(run(4).standardErrors).toEqual(a.standardErrors);
    expect(run(5).values).not.toEqual(a.values);
    expect(run().values).toEqual(run(0).values); // the default seed is 0
    model.dispose();
  });

  const ok = randomMatrix(2, 4, 9);
  const f = lrLogit();
  const bound = 2 ** 31;
  it.each([
    ['a function without tensor form', jsFunction(4, () => 0, 'js'), {}, MESSAGES.noGradients(FN, 'js')],
    ['samples 1', f, { samples: 1 }, MESSAGES.integerRange(FN, 'options.samples', 1, 2, 1_000_000)],
    ['samples 2.5', f, { samples: 2.5 }, MESSAGES.integerRange(FN, 'options.samples', 2.5, 2, 1_000_000)],
    ['seed 0.5', f, { seed: 0.5 }, MESSAGES.integerRange(FN, 'options.seed', 0.5, -bound, bound - 1)],
    ['seed NaN', f, { seed: NaN }, MESSAGES.integerRange(FN, 'options.seed', NaN, -bound, bound - 1)],
    [
      'no background',
      f,
      { background: undefined },
      MESSAGES.matrixShape(FN, 'options.background', 'neither rows nor a Matrix', 4),
    ],
    [
      'a NaN background',
      f,
      { background: [[0, 0, NaN, 0]] },
      MESSAGES.nonFinite(FN, 'options.background', 0, 2),
    ],
  ] as const)('refuses %s', (_, fn, options, message) => {
    expect(() =>
      expectedGradients.explain(fn as ExplainedFunction, ok, { background: ok, ...(options as object) }),
    ).toThrow(message);
  });

  it('leaves no tensor behind, also on an error path', async () => {
    expect(await tensorGrowth(() => expectedGradients.explain(f, ok, { background: ok, samples: 10 }))).toBe(
      0,
    );
    const failing: ExplainedFunction = {
      ...f,
      tensor: (t) => {
        f.tensor!(t);
        throw new Error('boom');
      },
    };
    const attempt = () => {
      expect(() => expectedGradients.explain(failing, ok, { background: ok })).toThrow('boom');
    };
    expect(await tensorGrowth(attempt)).toBe(0);
  });
});
