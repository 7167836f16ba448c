/** `whenApplicable`: a claim this model or data cannot give becomes a not-applicable verdict; other errors still fail. */
import { describe, expect, it } from 'vitest';
import { createRng } from '@openbox/runtime';
import type { ExperimentContext, ExperimentOutput } from '../experiment.js';
import { NotApplicableError, requireApplicable, whenApplicable, withSetupLabels } from './not-applicable.js';

const labels = { modelLabel: 'my/model.json', dataLabel: 'your images: photos, 2 classes' };
const ctx: ExperimentContext = {
  seed: 0,
  rng: createRng(0),
  quick: true,
  modelPath: 'my/model.json',
  cacheDir: '/tmp',
  progress: () => undefined,
};
const output: ExperimentOutput = {
  metrics: { x: 1 },
  verdict: { status: 'holds', reason: 'fine' },
  charts: [],
  artifacts: [],
};

describe('not applicable', () => {
  it('turns NotApplicableError into a verdict with its reason and the labels', async () => {
    const run = whenApplicable(async () => {
      requireApplicable(labels, false, 'needs at least 32 test images; the split has 8.');
      return output;
    });
    expect(await run(ctx)).toEqual({
      metrics: { model: 'my/model.json', data: 'your images: photos, 2 classes' },
      verdict: { status: 'not-applicable', reason: 'needs at least 32 test images; the split has 8.' },
      charts: [],
      artifacts: [],
    });
  });

  it('passes outputs and other errors through unchanged', async () => {
    expect(await whenApplicable(async () => output)(ctx)).toBe(output);
    await expect(whenApplicable(async () => Promise.reject(new Error('NaN weight')))(ctx)).rejects.toThrow(
      'NaN weight',
    );
    expect(() => requireApplicable(labels, true, 'unused')).not.toThrow();
    expect(new NotApplicableError(labels, 'why')).toMatchObject({
      message: 'why',
      modelLabel: 'my/model.json',
    });
  });

  it('withSetupLabels puts the model and data first, keeping the metrics', () => {
    expect(Object.entries(withSetupLabels(labels, output).metrics)).toEqual([
      ['model', 'my/model.json'],
      ['data', 'your images: photos, 2 classes'],
      ['x', 1],
    ]);
  });
});
