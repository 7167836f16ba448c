/** `bench/interleave.ts`: the turn order, the medians and ranges every benchmark table prints, and its refusals. */
import { describe, expect, it } from 'vitest';
import {
  formatFigure,
  formatRatio,
  formatSummary,
  interleave,
  loadAverage,
  median,
  summarize,
  type Contender,
} from '../../bench/interleave.js';

/** A contender that logs its name on each call and returns the next figure of `figures`. */
function scripted(name: string, figures: readonly number[], log: string[]): Contender {
  let call = 0;
  return {
    name,
    measure: () => {
      log.push(name);
      return figures[call++]!;
    },
  };
}

describe('interleave', () => {
  it('runs the contenders in turns A B C A B C …, one call each per round', async () => {
    const log: string[] = [];
    const rounds: number[][] = [];
    await interleave(
      [scripted('A', [1, 2, 3, 4], log), scripted('B', [5, 6, 7, 8], log), scripted('C', [9, 9, 9, 9], log)],
      4,
      (round, figures) => rounds.push([round, ...figures]),
    );
    expect(log.join('')).toBe('ABCABCABCABC');
    expect(rounds).toEqual([
      [0, 1, 5, 9],
      [1, 2, 6, 9],
      [2, 3, 7, 9],
      [3, 4, 8, 9],
    ]);
  });

  it('awaits an async contender before starting the next one', async () => {
    const log: string[] = [];
    const slow: Contender = {
      name: 'slow',
      measure: async () => {
        log.push('slow:start');
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push('slow:end');
        return 1;
      },
    };
    await interleave([slow, scripted('fast', [2, 2, 2], log)], 3);
    expect(log.slice(0, 3)).toEqual(['slow:start', 'slow:end', 'fast']);
  });

  it('summarizes each contender in the given order: values in round order, median, min, max', async () => {
    const log: string[] = [];
    const [a, b] = await interleave(
      [scripted('A', [5, 1, 3, 9], log), scripted('B', [10, 40, 20, 30], log)],
      4,
    );
    expect(a).toEqual({ name: 'A', values: [5, 1, 3, 9], median: 4, min: 1, max: 9 });
    expect(b).toEqual({ name: 'B', values: [10, 40, 20, 30], median: 25, min: 10, max: 40 });
  });

  it.each([0, 1, 2, 2.5, Number.NaN])(
    'refuses %s rounds (fewer than 3 or not an integer)',
    async (rounds) => {
      const log: string[] = [];
      await expect(interleave([scripted('A', [1, 2, 3], log)], rounds)).rejects.toThrow(
        `rounds must be an integer ≥ 3, got ${rounds}`,
      );
      expect(log).toEqual([]);
    },
  );

  it('names the contender that throws and the round, and stops there', async () => {
    const log: string[] = [];
    let calls = 0;
    const flaky: Contender = {
      name: 'PyTorch 2 threads',
      measure: () => {
        log.push('flaky');
        if (++calls === 2) throw new Error('peer exited with 1');
        return 1;
      },
    };
    await expect(interleave([scripted('A', [1, 2, 3], log), flaky], 3)).rejects.toThrow(
      'PyTorch 2 threads failed in round 2: peer exited with 1',
    );
    expect(log).toEqual(['A', 'flaky', 'A', 'flaky']);
  });
});

describe('median and summarize', () => {
  it.each([
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, -10], 0],
    [[5, 5, 1, 100, 5], 5],
  ])(
    'median of %j is %d (odd count: the middle value; even: the mean of the two middle ones)',
    (values, m) => {
      expect(median(values)).toBe(m);
    },
  );

  it("does not reorder the caller's list", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow('median of an empty list');
  });

  it('summarize keeps the values and gives their range', () => {
    expect(summarize('x', [2, 8, 4, 6])).toEqual({
      name: 'x',
      values: [2, 8, 4, 6],
      median: 5,
      min: 2,
      max: 8,
    });
  });
});

describe('formatting', () => {
  it('formatSummary prints the median with the min–max range', () => {
    expect(formatSummary(summarize('t', [1790, 1860, 1910]))).toBe('1,860 [1,790–1,910]');
    expect(formatSummary(summarize('t', [0.0123, 0.0125, 0.0121]))).toBe('0.0123 [0.0121–0.0125]');
  });

  it('formatFigure keeps significant digits and passes non-finite values through', () => {
    expect(formatFigure(123456)).toBe('123,000');
    expect(formatFigure(0.5)).toBe('0.5');
    expect(formatFigure(2.5, 2)).toBe('2.5');
    expect(formatFigure(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });

  it('formatRatio is the ratio of medians with the range of the per-round ratios', () => {
    // Rounds: 100/50 = 2, 90/30 = 3, 120/40 = 3 → per-round range [2–3]; medians 100 / 40 = 2.5.
    const a = summarize('OpenBox', [100, 90, 120]);
    const b = summarize('PyTorch', [50, 30, 40]);
    expect(formatRatio(a, b)).toBe('2.5× [2–3]');
    expect(formatRatio(b, a)).toBe('0.4× [0.33–0.5]');
  });

  it('loadAverage names the three averages and the core count', () => {
    expect(loadAverage()).toMatch(/^\d+\.\d\d \/ \d+\.\d\d \/ \d+\.\d\d \(1\/5\/15 min\) on \d+ cores$/);
  });
});
