import { describe, expect, it } from 'vitest';
import { coefficientScatter } from './coefficient-scatter.js';

type Layered = { layer: { data: { values: Record<string, unknown>[] }; mark: { type: string } }[] };

describe('coefficientScatter', () => {
  const points = [
    { feature: 'a', x: -2, y: -1.9 },
    { feature: 'b', x: 3, y: 3.1 },
  ];

  it('draws y = x across the shared, padded domain, then the points and their labels', () => {
    const spec = coefficientScatter(points) as unknown as Layered;
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['line', 'point', 'text']);
    const diagonal = spec.layer[0]!.data.values;
    expect(diagonal).toHaveLength(2);
    for (const p of diagonal) expect(p['x']).toBe(p['y']);
    const pad = (3.1 - -2) * 0.05;
    expect(diagonal[0]!['x']).toBeCloseTo(-2 - pad, 12);
    expect(diagonal[1]!['x']).toBeCloseTo(3.1 + pad, 12);
    expect(spec.layer[1]!.data.values.map((v) => v['feature'])).toEqual(['a', 'b']);
    expect(spec.layer[1]!.data.values[1]!['diff']).toBeCloseTo(0.1, 12);
  });

  it('drops labels for many points unless asked', () => {
    const many = Array.from({ length: 41 }, (_, i) => ({ feature: `f${i}`, x: i, y: i }));
    expect((coefficientScatter(many) as unknown as Layered).layer).toHaveLength(2);
    expect((coefficientScatter(many, { labels: true }) as unknown as Layered).layer).toHaveLength(3);
    expect((coefficientScatter(points, { labels: false }) as unknown as Layered).layer).toHaveLength(2);
  });

  it('rejects empty input, NaN and missing labels with the builder and argument named', () => {
    expect(() => coefficientScatter([])).toThrow(
      'coefficientScatter: points is empty; pass at least one value.',
    );
    expect(() => coefficientScatter([{ feature: 'a', x: NaN, y: 1 }])).toThrow(
      'coefficientScatter: points[0].x must be a finite number, got NaN.',
    );
    expect(() => coefficientScatter([{ feature: '', x: 1, y: 1 }])).toThrow(
      'points[0].feature must be a non-empty string',
    );
  });
});
