import { describe, expect, it } from 'vitest';
import { accuracyComparison } from './accuracy-comparison.js';

type Layered = {
  data: { values: unknown[] };
  encoding: Record<string, { field: string }>;
  layer: { mark: { type: string } }[];
};

describe('accuracyComparison', () => {
  it('puts models on x, or datasets on x with models offset when grouped', () => {
    const plain = accuracyComparison([{ model: 'CNN', accuracy: 0.98 }]) as unknown as Layered;
    expect(plain.encoding['x']!.field).toBe('model');
    expect(plain.encoding['xOffset']).toBeUndefined();
    expect(plain.layer.map((l) => l.mark.type)).toEqual(['bar', 'text']);
    const grouped = accuracyComparison([
      { model: 'net', accuracy: 0.9, group: 'cars' },
      { model: 'exact', accuracy: 0.91, group: 'cars' },
    ]) as unknown as Layered;
    expect(grouped.encoding['x']!.field).toBe('group');
    expect(grouped.encoding['xOffset']!.field).toBe('model');
    expect((grouped as unknown as { width: unknown }).width).toEqual({ step: 36, for: 'offset' });
    expect((plain as unknown as { width: unknown }).width).toEqual({ step: 100 });
  });

  it('rejects accuracies outside [0, 1]', () => {
    expect(() => accuracyComparison([{ model: 'm', accuracy: 98 }])).toThrow(
      'accuracyComparison: entries[0].accuracy must be in [0, 1], got 98.',
    );
  });
});
