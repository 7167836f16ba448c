import { describe, expect, it } from 'vitest';
import { objectiveCurves } from './objective-curves.js';

type Unit = { data: { values: { unit: string; step: number; value: number }[] } };

describe('objectiveCurves', () => {
  it('emits one record per unit and step, with default and given steps', () => {
    const spec = objectiveCurves([
      { unit: 'a', values: [1, 2, 3] },
      { unit: 'b', values: [5, 6], steps: [10, 20] },
    ]) as unknown as Unit;
    expect(spec.data.values).toEqual([
      { unit: 'a', step: 0, value: 1 },
      { unit: 'a', step: 1, value: 2 },
      { unit: 'a', step: 2, value: 3 },
      { unit: 'b', step: 10, value: 5 },
      { unit: 'b', step: 20, value: 6 },
    ]);
  });

  it('reports a diverged (NaN) objective, mismatched steps and duplicate units', () => {
    expect(() => objectiveCurves([{ unit: 'a', values: [1, NaN] }])).toThrow(
      'objectiveCurves: series[0].values[1] must be a finite number, got NaN.',
    );
    expect(() => objectiveCurves([{ unit: 'a', values: [1, 2], steps: [0] }])).toThrow(
      'objectiveCurves: series[0].steps has length 1, expected 2.',
    );
    expect(() =>
      objectiveCurves([
        { unit: 'a', values: [1] },
        { unit: 'a', values: [2] },
      ]),
    ).toThrow('duplicate "a"');
    expect(() => objectiveCurves([{ unit: 'a', values: [] }])).toThrow(
      'objectiveCurves: series[0].values is empty',
    );
  });
});
