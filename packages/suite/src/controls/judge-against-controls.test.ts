import { describe, expect, it } from 'vitest';
import { SuiteError } from '../suite-error.js';
import { judgeAgainstControls, type JudgeAgainstControlsInput } from './judge-against-controls.js';

const METRIC = 'mean neighbour correlation';
const base = (over: Partial<JudgeAgainstControlsInput>): JudgeAgainstControlsInput => ({
  metric: METRIC,
  trained: 0.48317207963,
  controls: [
    { label: 'seed 1', value: -0.0436362667 },
    { label: 'seed 2', value: 0.0123456789 },
  ],
  margin: 0.2,
  higherIsBetter: true,
  ...over,
});

describe('judgeAgainstControls', () => {
  it('holds when the trained value beats every control by the margin; the reason prints every number as round4 does', () => {
    const j = judgeAgainstControls(base({ interval: { lower: 0.4111111, upper: 0.5522222, level: 0.95 } }));
    expect(j.status).toBe('holds');
    // 0.48317207963 − 0.0123456789 = 0.47082640073 → 0.4708.
    expect(j.margin).toBe(0.4708);
    expect(j.evidence).toEqual({
      metric: METRIC,
      trained: 0.4832,
      controls: [
        { label: 'seed 1', value: -0.04364 },
        { label: 'seed 2', value: 0.01235 },
      ],
      requiredMargin: 0.2,
      margin: 0.4708,
      higherIsBetter: true,
      holds: true,
    });
    expect(j.reason).toBe(
      'mean neighbour correlation: trained 0.4832 (95% bootstrap interval 0.4111 to 0.5522) vs seed 1 -0.04364, seed 2 0.01235; required margin 0.2 (higher is better). ' +
        "It beats every control by at least 0.2: by 0.4708 over the strongest, seed 2, and the interval's lower end beats every control.",
    );
  });

  it.each([0.2, 0])('does not hold when one control ties the trained value (margin %d)', (margin) => {
    const j = judgeAgainstControls(
      base({
        margin,
        controls: [
          { label: 'seed 1', value: -0.5 },
          { label: 'seed 2', value: 0.48317207963 },
        ],
      }),
    );
    expect(j.status).toBe('does-not-hold');
    expect(j.margin).toBe(0);
    expect(j.evidence.holds).toBe(false);
    expect(j.evidence.margin).toBe(0);
    expect(j.reason).toBe(
      `mean neighbour correlation: trained 0.4832 vs seed 1 -0.5, seed 2 0.4832; required margin ${margin} (higher is better). It does not beat every control: seed 2 at 0.4832 ties it.`,
    );
  });

  it('does not hold when a control lies within the margin, or beats the trained value', () => {
    const j = judgeAgainstControls(
      base({
        trained: 0.3,
        controls: [
          { label: 'a', value: 0.15 },
          { label: 'b', value: 0.05 },
          { label: 'c', value: 0.35 },
        ],
      }),
    );
    expect(j.status).toBe('does-not-hold');
    expect(j.margin).toBe(-0.05);
    expect(j.reason).toBe(
      'mean neighbour correlation: trained 0.3 vs a 0.15, b 0.05, c 0.35; required margin 0.2 (higher is better). ' +
        'It does not beat every control: it beats a at 0.15 by only 0.15; c at 0.35 beats it by 0.05.',
    );
  });

  it('holds at exactly the margin (gap ≥ margin)', () => {
    const j = judgeAgainstControls(
      base({ trained: 0.75, controls: [{ label: 'a', value: 0.5 }], margin: 0.25 }),
    );
    expect([j.status, j.margin]).toEqual(['holds', 0.25]);
  });

  it('does not hold when the interval end toward the controls does not beat one, though the value does', () => {
    const j = judgeAgainstControls(base({ interval: { lower: 0.01, upper: 0.6, level: 0.9 } }));
    expect(j.status).toBe('does-not-hold');
    expect(j.margin).toBe(0.4708);
    expect(j.reason).toBe(
      'mean neighbour correlation: trained 0.4832 (90% bootstrap interval 0.01 to 0.6) vs seed 1 -0.04364, seed 2 0.01235; required margin 0.2 (higher is better). ' +
        "It does not beat every control: the interval's lower end 0.01 does not beat seed 2 at 0.01235.",
    );
    const wide = judgeAgainstControls(base({ interval: { lower: -0.1, upper: 0.6, level: 0.95 } }));
    expect(wide.reason).toContain(
      "It does not beat every control: the interval's lower end -0.1 does not beat seed 1 at -0.04364, seed 2 at 0.01235.",
    );
  });

  it('mirrors everything when lower is better (the upper end of the interval counts)', () => {
    const input = {
      metric: 'distance',
      trained: 1,
      controls: [
        { label: 'noise', value: 3 },
        { label: 'grey', value: 1.5 },
      ],
      margin: 0.4,
      higherIsBetter: false,
    };
    const j = judgeAgainstControls({ ...input, interval: { lower: 0.8, upper: 1.2, level: 0.95 } });
    expect([j.status, j.margin]).toEqual(['holds', 0.5]);
    expect(j.reason).toBe(
      "distance: trained 1 (95% bootstrap interval 0.8 to 1.2) vs noise 3, grey 1.5; required margin 0.4 (lower is better). It beats every control by at least 0.4: by 0.5 over the strongest, grey, and the interval's upper end beats every control.",
    );
    const beaten = judgeAgainstControls({
      ...input,
      trained: 1.3,
      interval: { lower: 1.1, upper: 1.6, level: 0.95 },
    });
    expect([beaten.status, beaten.margin]).toEqual(['does-not-hold', 0.2]);
    expect(beaten.reason).toContain(
      "It does not beat every control: it beats grey at 1.5 by only 0.2; the interval's upper end 1.6 does not beat grey at 1.5.",
    );
  });

  it.each([
    [{ metric: '' }, 'judgeAgainstControls: metric must be a non-empty string, got "".'],
    [{ trained: Number.NaN }, 'judgeAgainstControls: trained must be a finite number, got NaN.'],
    [{ controls: [] }, 'judgeAgainstControls: controls is empty; pass at least one.'],
    [
      { controls: [{ label: '', value: 1 }] },
      'judgeAgainstControls: controls[0].label must be a non-empty string, got "".',
    ],
    [
      {
        controls: [
          { label: 'a', value: 1 },
          { label: 'b', value: Infinity },
        ],
      },
      'judgeAgainstControls: controls[1].value must be a finite number, got Infinity.',
    ],
    [{ margin: -0.1 }, 'judgeAgainstControls: margin must be a finite number ≥ 0, got -0.1.'],
    [
      { interval: { lower: 0.5, upper: 0.4, level: 0.95 } },
      'judgeAgainstControls: interval.lower (0.5) must not exceed interval.upper (0.4).',
    ],
    [
      { interval: { lower: 0.4, upper: 0.5, level: 95 } },
      'judgeAgainstControls: level must be in (0, 1), got 95.',
    ],
  ])('refuses %j', (over, message) => {
    const call = () => judgeAgainstControls(base(over as Partial<JudgeAgainstControlsInput>));
    expect(call).toThrow(SuiteError);
    expect(call).toThrow(message);
  });
});
