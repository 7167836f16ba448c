import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import type { ControlEvidence } from '@openbox/suite';
import { evidenceChart, requiredValue } from './evidence-chart.js';

type Layer = {
  data: { values: Record<string, unknown>[] };
  mark: { type: string };
  encoding: Record<string, { title?: unknown }>;
};
type Spec = { layer: Layer[] };

const HIGHER: ControlEvidence = {
  metric: 'mean neighbour correlation',
  trained: 0.4832,
  controls: [
    { label: 'seed 1', value: -0.0436 },
    { label: 'seed 2', value: 0.0124 },
    { label: 'seed 3', value: -0.0741 },
  ],
  requiredMargin: 0.2,
  margin: 0.4708,
  higherIsBetter: true,
  holds: true,
};
const LOWER: ControlEvidence = {
  metric: 'distance',
  trained: 0.31,
  controls: [
    { label: 'shuffled', value: 0.52 },
    { label: 'random', value: 0.97 },
  ],
  requiredMargin: 0.1,
  margin: 0.21,
  higherIsBetter: false,
  holds: true,
};

describe('evidenceChart', () => {
  it('draws trained and every control with their values, and a rule at the strongest control + the margin', () => {
    const spec = evidenceChart(HIGHER) as unknown as Spec;
    const points = spec.layer.find((l) => l.mark.type === 'point')!;
    expect(points.data.values).toEqual([
      { label: 'trained', value: 0.4832, role: 'trained' },
      { label: 'seed 1', value: -0.0436, role: 'control' },
      { label: 'seed 2', value: 0.0124, role: 'control' },
      { label: 'seed 3', value: -0.0741, role: 'control' },
    ]);
    expect(points.encoding['x']!.title).toBe('mean neighbour correlation');
    const rule = spec.layer.find((l) => l.mark.type === 'rule')!;
    expect(rule.data.values).toEqual([{ threshold: 0.2124, label: 'strongest control + 0.2' }]);
  });

  it('when lower is better the rule is at the smallest control − the margin', () => {
    // 0.52 − 0.1 in float64 is 0.42000000000000004; the rule sits at the value a reader computes.
    expect(requiredValue(LOWER)).toBe(0.42);
    const rule = (evidenceChart(LOWER) as unknown as Spec).layer.find((l) => l.mark.type === 'rule')!;
    expect(rule.data.values).toEqual([{ threshold: 0.42, label: 'strongest control − 0.1' }]);
  });

  it('makes untrusted labels usable: an empty one is numbered, repeats (also of "trained") get a suffix', () => {
    const spec = evidenceChart({
      ...HIGHER,
      controls: [
        { label: 'trained', value: 0 },
        { label: '', value: 0.1 },
        { label: 'trained', value: 0.2 },
      ],
    }) as unknown as Spec;
    const points = spec.layer.find((l) => l.mark.type === 'point')!;
    expect(points.data.values.map((v) => v['label'])).toEqual([
      'trained',
      'trained (2)',
      'control 2',
      'trained (3)',
    ]);
  });

  it.each([
    ['higher is better', HIGHER],
    ['lower is better', LOWER],
  ])('compiles to Vega (%s)', (_, e) => {
    const vega = compile(evidenceChart(e)).spec;
    expect(vega.marks?.length).toBeGreaterThanOrEqual(4);
  });
});
