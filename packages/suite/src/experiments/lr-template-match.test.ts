/** "One template per digit", judged: the reference LR templates hold; the same templates given to the wrong digits do not. */
import { loadMnist } from '@openbox/datasets';
import { createRng, defaultCacheDir } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { judgeLrTemplates, TEMPLATE_MATCH_MARGIN } from './lr-template-match.js';
import { loadLrTemplates, type LrTemplates } from './lr-templates.js';
import { pearson64 } from './test-cnn-reference.js';

const train = loadMnist({ seed: 0 }).train;
let templates: LrTemplates;
beforeAll(() => {
  templates = loadLrTemplates(defaultCacheDir());
});

/** This file's own class means, centred by the mean of all rows, in float64. */
function centredClassMeans(): Float64Array[] {
  const n = train.shape[0]!;
  const means = Array.from({ length: 10 }, () => new Float64Array(784));
  const counts = new Array<number>(10).fill(0);
  const all = new Float64Array(784);
  for (let i = 0; i < n; i++) {
    const c = train.target[i]!;
    counts[c] = counts[c]! + 1;
    const m = means[c]!;
    for (let j = 0; j < 784; j++) {
      m[j] = m[j]! + train.features[i * 784 + j]!;
      all[j] = all[j]! + train.features[i * 784 + j]!;
    }
  }
  return means.map((m, c) => m.map((s, j) => s / counts[c]! - all[j]! / n));
}
const row = (t: LrTemplates, k: number) => t.weights.slice(k * 784, (k + 1) * 784);

describe('judgeLrTemplates', () => {
  it('the reference templates: each correlates best with its own class-mean digit, far above wrong assignments', () => {
    const means = centredClassMeans();
    const expected = Array.from({ length: 10 }, (_, k) => means.map((m) => pearson64(row(templates, k), m)));
    const match = judgeLrTemplates(templates, train, createRng(0).fork('template-null'));
    // Float64 both ways, different summation order: measured |Δ| ≤ 3e-15; tolerance 1e-12.
    match.correlations.forEach((r, k) =>
      r.forEach((v, c) => expect(Math.abs(v - expected[k]![c]!)).toBeLessThan(1e-12)),
    );
    expect(match.ownClassBest).toBe(10);
    const own = expected.reduce((a, r, k) => a + r[k]!, 0) / 10;
    expect(Math.abs(match.ownClassMean - own)).toBeLessThan(1e-12);
    for (const n of match.nulls) {
      expect(n.assignment.every((c, k) => c !== k)).toBe(true);
      expect(Math.abs(n.value - n.assignment.reduce((a, c, k) => a + expected[k]![c]!, 0) / 10)).toBeLessThan(
        1e-12,
      );
    }
    expect(match.judged.status).toBe('holds');
    expect(match.holds).toBe(true);
    expect(match.judged.evidence.requiredMargin).toBe(TEMPLATE_MATCH_MARGIN);
    expect(match.ownClassMean - Math.max(...match.nulls.map((n) => n.value))).toBeGreaterThanOrEqual(
      TEMPLATE_MATCH_MARGIN,
    );
  });

  it('does not hold for the same templates given to the wrong digits (template k as class k + 1)', () => {
    const shifted: LrTemplates = {
      ...templates,
      weights: Array.from({ length: 10 }, (_, k) => row(templates, (k + 9) % 10)).flat(),
    };
    const match = judgeLrTemplates(shifted, train, createRng(0).fork('template-null'));
    expect(match.ownClassBest).toBe(0);
    expect(match.holds).toBe(false);
    expect(match.judged.status).toBe('does-not-hold');
    expect(match.judged.reason).toContain('It does not beat every control:');
  });

  it('is deterministic per rng seed', () => {
    const a = judgeLrTemplates(templates, train, createRng(5));
    const b = judgeLrTemplates(templates, train, createRng(5));
    expect(a.nulls).toEqual(b.nulls);
    expect(a.judged.reason).toBe(b.judged.reason);
  });
});
