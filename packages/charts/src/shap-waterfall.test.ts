import { describe, expect, it } from 'vitest';
import type { WaterfallBar } from './shap-waterfall.js';
import { shapWaterfall } from './shap-waterfall.js';
import type { ShapWaterfallInput } from './shap-waterfall.js';

type Layered = {
  layer: {
    mark: { type: string };
    data: { values: Record<string, unknown>[] };
    encoding: Record<string, unknown>;
  }[];
};
const bars = (input: ShapWaterfallInput) =>
  (shapWaterfall(input) as unknown as Layered).layer[0]!.data.values as unknown as WaterfallBar[];

const FIVE: ShapWaterfallInput = {
  features: ['a', 'b', 'c', 'd', 'e'],
  values: [0.05, -0.4, 0.2, -0.01, 0.1],
  featureValues: [1, 39.1, 3750, 0.123456, -2],
  baseValue: 0.3,
  prediction: 0.24,
  label: 'P(Adelie)',
};

describe('shapWaterfall', () => {
  it('sorts by |value|, folds the rest into "N other features" holding their sum', () => {
    const got = bars({ ...FIVE, maxDisplay: 3 });
    expect(got.map((b) => b.label)).toEqual(['b = 39.1', 'c = 3750', '3 other features']);
    // The fold is e + a + d = 0.1 + 0.05 - 0.01; sums in another order differ by ~1 ulp.
    expect(got[2]!.value).toBeCloseTo(0.14, 14);
    expect(got.map((b) => b.sign)).toEqual(['negative', 'positive', 'positive']);
    expect(got.map((b) => b.text)).toEqual(['-0.4', '+0.2', '+0.14']);
  });

  it('stacks the bars from E[f(X)] at the bottom to f(x) at the top, each starting where the one below ends', () => {
    const got = bars({ ...FIVE, maxDisplay: 3 });
    expect(got[got.length - 1]!.start).toBe(FIVE.baseValue);
    for (let i = 0; i + 1 < got.length; i++) expect(got[i]!.start).toBe(got[i + 1]!.end);
    for (const b of got) expect(b.end - b.start).toBeCloseTo(b.value, 14); // float64 rounding of the running sum
    expect(got[0]!.end).toBeCloseTo(FIVE.prediction, 14);
    for (const b of got) expect(b.textX).toBe(Math.max(b.start, b.end));
  });

  it('draws every feature without a fold when they fit in maxDisplay (as SHAP)', () => {
    expect(bars({ ...FIVE, maxDisplay: 5 }).map((b) => b.label)).toEqual([
      'b = 39.1',
      'c = 3750',
      'e = -2',
      'a = 1',
      'd = 0.1235',
    ]);
    expect(bars({ ...FIVE, featureValues: undefined }).map((b) => b.label)).toEqual([
      'b',
      'c',
      'e',
      'a',
      'd',
    ]);
  });

  it('marks E[f(X)] and f(x) with rules and labels, colors positive red and negative blue', () => {
    const spec = shapWaterfall(FIVE) as unknown as Layered;
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['bar', 'text', 'rule', 'text', 'text']);
    expect(spec.layer[2]!.data.values.map((r) => r['at'])).toEqual([0.3, 0.24]);
    expect(spec.layer[3]!.data.values[0]!['text']).toBe('E[f(X)] = 0.3');
    expect(spec.layer[4]!.data.values[0]!['text']).toBe('f(x) = 0.24');
    expect(spec.layer[0]!.encoding['color']).toMatchObject({
      scale: { domain: ['positive', 'negative'], range: ['#ff0051', '#008bfb'] },
    });
    expect(spec.layer[0]!.encoding['x']).toMatchObject({ title: 'P(Adelie)' });
  });

  it('accepts a prediction within 1e-6·max(1, |prediction|) of baseValue + sum(values)', () => {
    const one = { features: ['a'], values: [1], baseValue: 0, label: 'logit' };
    expect(() => shapWaterfall({ ...one, prediction: 1 + 0.9e-6 })).not.toThrow();
    expect(() => shapWaterfall({ ...one, prediction: 1 + 1.1e-6 })).toThrow(
      'must agree within 0.0000010000011',
    );
    const big = { features: ['a'], values: [1000], baseValue: 0, label: 'logit' };
    expect(() => shapWaterfall({ ...big, prediction: 1000 + 0.9e-3 })).not.toThrow();
    expect(() => shapWaterfall({ ...big, prediction: 1000 + 1.1e-3 })).toThrow(
      'shapWaterfall: baseValue + sum',
    );
  });

  const OK = { features: ['a', 'b'], values: [1, 2], baseValue: 0, prediction: 3, label: 'logit' };
  it.each([
    [
      'a sum that misses the prediction',
      { ...OK, prediction: 4 },
      'shapWaterfall: baseValue + sum(values) is 3 but prediction is 4; they must agree within 0.000004 (SHAP values add up to f(x) - E[f(X)]).',
    ],
    ['no features', { ...OK, features: [] }, 'shapWaterfall: features is empty; pass at least one value.'],
    [
      'a duplicate feature',
      { ...OK, features: ['a', 'a'] },
      'shapWaterfall: features has the duplicate "a"; labels must be unique.',
    ],
    ['too few values', { ...OK, values: [1] }, 'shapWaterfall: values has length 1, expected 2.'],
    [
      'a NaN value',
      { ...OK, values: [1, NaN] },
      'shapWaterfall: values[1] must be a finite number, got NaN.',
    ],
    [
      'too many feature values',
      { ...OK, featureValues: [1, 2, 3] },
      'shapWaterfall: featureValues has length 3, expected 2.',
    ],
    [
      'an infinite base value',
      { ...OK, baseValue: Infinity },
      'shapWaterfall: baseValue must be a finite number, got Infinity.',
    ],
    ['an empty label', { ...OK, label: '' }, 'shapWaterfall: label must be a non-empty string, got "".'],
    [
      'maxDisplay 0',
      { ...OK, maxDisplay: 0 },
      'shapWaterfall: maxDisplay must be a positive integer, got 0.',
    ],
  ] as const)('rejects %s', (_name, input, message) => {
    expect(() => shapWaterfall(input as unknown as ShapWaterfallInput)).toThrow(message);
  });
});
