import { describe, expect, it } from 'vitest';
import type { DependencePoint, ShapDependenceInput } from './shap-dependence.js';
import { shapDependence } from './shap-dependence.js';

type Layered = { layer: { data: { values: unknown[] }; encoding: Record<string, unknown> }[] };
const build = (input: ShapDependenceInput) => shapDependence(input) as unknown as Layered;

const X = Array.from({ length: 101 }, (_, r) => r);
const INPUT: ShapDependenceInput = {
  feature: 'bill_length_mm',
  featureValues: X,
  values: X.map((x) => 0.01 * x - 0.5),
  colorFeature: 'flipper_length_mm',
  colorValues: X.map((x) => 2 * x + 100),
  label: 'P(Adelie)',
};

describe('shapDependence', () => {
  it('plots one point per row: x = the feature value, y = its SHAP value, color = the other feature', () => {
    const points = build(INPUT).layer[1]!.data.values as DependencePoint[];
    expect(points).toHaveLength(101);
    expect(points[7]).toEqual({ row: 7, featureValue: 7, value: 0.07 - 0.5, colorValue: 114 });
    const encoding = build(INPUT).layer[1]!.encoding;
    expect(encoding['x']).toMatchObject({ field: 'featureValue', title: 'bill_length_mm' });
    expect(encoding['y']).toMatchObject({
      field: 'value',
      title: 'SHAP value of bill_length_mm (P(Adelie))',
    });
  });

  it("spans the color scale over the coloring feature's [5th, 95th] percentile and clamps outliers", () => {
    const color = build(INPUT).layer[1]!.encoding['color'];
    // colorValues = 100..300 in steps of 2: the 5th and 95th percentiles are 110 and 290.
    expect(color).toMatchObject({
      field: 'colorValue',
      title: 'flipper_length_mm',
      scale: { domain: [110, 290], clamp: true, range: ['#008bfb', '#ff0051'] },
    });
    const constant = build({ ...INPUT, colorValues: X.map(() => 4) }).layer[1]!.encoding['color'];
    expect(constant).toMatchObject({ scale: { domain: [3, 5] } });
  });

  it('has one color and no color field without a coloring feature', () => {
    const { colorFeature: _f, colorValues: _v, ...plain } = INPUT;
    const spec = build(plain);
    expect(spec.layer[1]!.encoding['color']).toBeUndefined();
    expect((spec.layer[1]!.data.values[0] as DependencePoint).colorValue).toBeUndefined();
  });

  const OK = { feature: 'x', featureValues: [1, 2], values: [0.1, 0.2], label: 'logit' };
  it.each([
    [
      'no rows',
      { ...OK, featureValues: [], values: [] },
      'shapDependence: featureValues is empty; pass at least one value.',
    ],
    ['too few values', { ...OK, values: [0.1] }, 'shapDependence: values has length 1, expected 2.'],
    [
      'a NaN value',
      { ...OK, values: [0.1, NaN] },
      'shapDependence: values[1] must be a finite number, got NaN.',
    ],
    [
      'colorFeature without colorValues',
      { ...OK, colorFeature: 'y' },
      'shapDependence: colorValues must be given with colorFeature (both or neither), got undefined.',
    ],
    [
      'colorValues of the wrong length',
      { ...OK, colorFeature: 'y', colorValues: [1, 2, 3] },
      'shapDependence: colorValues has length 3, expected 2.',
    ],
    [
      'an empty feature name',
      { ...OK, feature: '' },
      'shapDependence: feature must be a non-empty string, got "".',
    ],
  ] as const)('rejects %s', (_name, input, message) => {
    expect(() => shapDependence(input as unknown as ShapDependenceInput)).toThrow(message);
  });
});
