import { describe, expect, it } from 'vitest';
import { controlComparison, type ControlComparisonEntry } from './control-comparison.js';

type Layer = {
  data: { values: Record<string, unknown>[] };
  mark: { type: string };
  encoding: Record<string, { field?: string; sort?: string[] }>;
};
type Spec = { layer: Layer[]; description: string };

const ENTRIES: ControlComparisonEntry[] = [
  { label: 'trained', value: 0.48, role: 'trained', lower: 0.41, upper: 0.55 },
  { label: 'seed 1', value: -0.04, role: 'control' },
  { label: 'seed 2', value: 0.01, role: 'control' },
];

describe('controlComparison', () => {
  it('draws the interval, one point and one value label per network in input order, and the threshold rule', () => {
    const spec = controlComparison(ENTRIES, { threshold: 0.21 }) as unknown as Spec;
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['errorbar', 'point', 'text', 'rule', 'text']);
    const [interval, points, , rule] = spec.layer;
    expect(interval!.data.values).toEqual([{ label: 'trained', lower: 0.41, upper: 0.55 }]);
    expect(points!.data.values).toEqual([
      { label: 'trained', value: 0.48, role: 'trained' },
      { label: 'seed 1', value: -0.04, role: 'control' },
      { label: 'seed 2', value: 0.01, role: 'control' },
    ]);
    expect(points!.encoding['y']!.sort).toEqual(['trained', 'seed 1', 'seed 2']);
    expect(points!.encoding['color']!.field).toBe('role');
    // Values print as 4 significant digits without padding zeros (d3 `~`): 0.31, not 0.3100.
    expect((spec.layer[2]!.encoding['text'] as { format?: string }).format).toBe('.4~g');
    expect(rule!.data.values).toEqual([{ threshold: 0.21, label: 'required' }]);
    expect(spec.description).toBe("3 networks' values against a threshold of 0.21");
  });

  it('leaves out the interval and threshold layers when there are none', () => {
    const spec = controlComparison(ENTRIES.slice(1)) as unknown as Spec;
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['point', 'text']);
  });

  it.each([
    [[], {}, 'controlComparison: entries is empty; pass at least one value.'],
    [
      [{ label: 'a', value: Number.NaN, role: 'trained' }],
      {},
      'controlComparison: entries[0].value must be a finite number, got NaN.',
    ],
    [
      [{ label: 'a', value: 1, role: 'null' }],
      {},
      'controlComparison: entries[0].role must be one of trained, control, got "null".',
    ],
    [
      [{ label: 'a', value: 1, role: 'trained', lower: 0 }],
      {},
      'controlComparison: entries[0].upper must be given with lower (both or neither), got undefined.',
    ],
    [
      [{ label: 'a', value: 2, role: 'trained', lower: 0, upper: 1 }],
      {},
      'controlComparison: entries[0].value must be in its interval [0, 1], got 2.',
    ],
    [
      [
        { label: 'a', value: 1, role: 'trained' },
        { label: 'a', value: 2, role: 'control' },
      ],
      {},
      'controlComparison: entries[].label has the duplicate "a"; labels must be unique.',
    ],
    [
      [{ label: 'a', value: 1, role: 'trained' }],
      { threshold: Infinity },
      'controlComparison: options.threshold must be a finite number, got Infinity.',
    ],
  ])('refuses %j %j', (entries, options, message) => {
    expect(() => controlComparison(entries as ControlComparisonEntry[], options)).toThrow(message);
  });
});
