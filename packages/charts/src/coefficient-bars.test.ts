import { describe, expect, it } from 'vitest';
import { coefficientBars } from './coefficient-bars.js';

type Layered = { layer: { mark: { type: string }; encoding: Record<string, unknown> }[] };

describe('coefficientBars', () => {
  it('layers bars, error bars from lower to upper and a zero rule, features in input order', () => {
    const spec = coefficientBars([
      { feature: 'z', estimate: 1, lower: 0.5, upper: 1.5 },
      { feature: 'a', estimate: -1, lower: -2, upper: 0.1 },
    ]) as unknown as Layered;
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['bar', 'errorbar', 'rule']);
    expect(spec.layer[1]!.encoding['x']).toMatchObject({ field: 'lower' });
    expect(spec.layer[1]!.encoding['x2']).toEqual({ field: 'upper' });
    expect(spec.layer[0]!.encoding['y']).toMatchObject({ sort: ['z', 'a'] });
    expect(spec.layer[0]!.encoding['yOffset']).toBeUndefined();
  });

  it('offsets and colors groups', () => {
    const spec = coefficientBars([
      { feature: 'a', estimate: 1, lower: 0, upper: 2, group: 'net' },
      { feature: 'a', estimate: 1, lower: 0, upper: 2, group: 'exact' },
    ]) as unknown as Layered;
    expect(spec.layer[0]!.encoding['yOffset']).toEqual({ field: 'group', type: 'nominal' });
    expect(spec.layer[0]!.encoding['color']).toMatchObject({ field: 'group' });
  });

  it('rejects intervals that do not contain the estimate, and infinite bounds', () => {
    expect(() => coefficientBars([{ feature: 'a', estimate: 3, lower: 0, upper: 2 }])).toThrow(
      'coefficientBars: rows[0] must satisfy lower <= estimate <= upper.',
    );
    expect(() => coefficientBars([{ feature: 'a', estimate: 0, lower: -Infinity, upper: 2 }])).toThrow(
      'coefficientBars: rows[0].lower must be a finite number, got -Infinity.',
    );
  });

  it('starts bars at the reference and draws the rule there; odds ratios on a log axis', () => {
    const spec = coefficientBars([{ feature: 'mass', estimate: 2, lower: 1.5, upper: 3 }], {
      reference: 1,
      logScale: true,
    }) as unknown as Layered & { layer: { data: { values: unknown[] } }[] };
    expect(spec.layer[0]!.encoding['x2']).toEqual({ datum: 1 });
    expect(spec.layer[0]!.encoding['x']).toMatchObject({ scale: { type: 'log' } });
    expect(spec.layer[2]!.data.values).toEqual([{ reference: 1 }]);
    expect(() =>
      coefficientBars([{ feature: 'a', estimate: 1, lower: 0, upper: 2 }], { logScale: true }),
    ).toThrow('coefficientBars: rows[0].lower');
  });
});
