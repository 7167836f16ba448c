import { describe, expect, it } from 'vitest';
import type { ImportanceBar, ShapImportanceBarInput } from './shap-importance-bar.js';
import { shapImportanceBar } from './shap-importance-bar.js';

type Layered = {
  layer: { mark: { type: string }; data: { values: unknown[] }; encoding: Record<string, unknown> }[];
};
const build = (input: ShapImportanceBarInput) => shapImportanceBar(input) as unknown as Layered;
const barsOf = (spec: Layered) => spec.layer[0]!.data.values as ImportanceBar[];

describe('shapImportanceBar', () => {
  it('sorts the bars by decreasing value (ties in input order) and orders the axis the same way', () => {
    const spec = build({
      features: ['a', 'b', 'c', 'd'],
      meanAbs: [0.1, 0.3, 0.1, 0.2],
      label: 'mean |SHAP value|',
    });
    expect(barsOf(spec).map((b) => [b.feature, b.value])).toEqual([
      ['b', 0.3],
      ['d', 0.2],
      ['a', 0.1],
      ['c', 0.1],
    ]);
    expect(spec.layer[0]!.encoding['y']).toMatchObject({ sort: ['b', 'd', 'a', 'c'] });
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['bar', 'text']);
    expect(barsOf(spec)[0]).toEqual({ feature: 'b', value: 0.3, sign: 'positive', text: '0.3' });
  });

  it('draws value ± error as error bars, and a negative permutation importance as a blue bar', () => {
    const spec = build({
      features: ['a', 'b'],
      meanAbs: [-0.02, 0.5],
      errors: [0.01, 0.1],
      label: 'accuracy drop when permuted',
    });
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['bar', 'text', 'errorbar']);
    const [b, a] = barsOf(spec);
    expect(b).toMatchObject({ feature: 'b', lower: 0.4, upper: 0.6, sign: 'positive' });
    expect(a).toMatchObject({ feature: 'a', lower: -0.03, upper: -0.01, sign: 'negative' });
    expect(spec.layer[2]!.encoding['x2']).toEqual({ field: 'upper' });
    expect(spec.layer[0]!.encoding['x']).toMatchObject({ title: 'accuracy drop when permuted' });
  });

  const OK = { features: ['a', 'b'], meanAbs: [0.1, 0.2], label: 'mean |SHAP value|' };
  it.each([
    [
      'no features',
      { ...OK, features: [], meanAbs: [] },
      'shapImportanceBar: features is empty; pass at least one value.',
    ],
    [
      'too many values',
      { ...OK, meanAbs: [1, 2, 3] },
      'shapImportanceBar: meanAbs has length 3, expected 2.',
    ],
    [
      'an infinite value',
      { ...OK, meanAbs: [1, -Infinity] },
      'shapImportanceBar: meanAbs[1] must be a finite number, got -Infinity.',
    ],
    [
      'errors of the wrong length',
      { ...OK, errors: [0.1] },
      'shapImportanceBar: errors has length 1, expected 2.',
    ],
    [
      'a negative error',
      { ...OK, errors: [0.1, -0.1] },
      'shapImportanceBar: errors[1] must be >= 0, got -0.1.',
    ],
    [
      'a missing label',
      { ...OK, label: undefined },
      'shapImportanceBar: label must be a non-empty string, got undefined.',
    ],
  ] as const)('rejects %s', (_name, input, message) => {
    expect(() => shapImportanceBar(input as unknown as ShapImportanceBarInput)).toThrow(message);
  });
});
