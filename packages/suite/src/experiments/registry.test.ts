import { describe, expect, it } from 'vitest';
import { EXPERIMENT_ID_PATTERN } from '../results-format.js';
import { EXPERIMENT_IDS, SUITE_EXPERIMENTS, isExperimentId } from './registry.js';

describe('the experiment registry', () => {
  it('lists every id once, in order, each implemented under its own id', () => {
    expect(new Set(EXPERIMENT_IDS).size).toBe(EXPERIMENT_IDS.length);
    expect(SUITE_EXPERIMENTS.map((e) => e.id)).toEqual([...EXPERIMENT_IDS]);
  });

  it.each(SUITE_EXPERIMENTS.map((e) => [e.id, e] as const))(
    '%s has a kebab-case id, a title and a one-sentence claim',
    (_, experiment) => {
      expect(experiment.id).toMatch(EXPERIMENT_ID_PATTERN);
      expect(experiment.title.length).toBeGreaterThan(10);
      expect(experiment.claim.trim().endsWith('.')).toBe(true);
    },
  );

  it('guards ids', () => {
    expect(isExperimentId('laplacian-kernel')).toBe(true);
    expect(isExperimentId('nope')).toBe(false);
  });
});
