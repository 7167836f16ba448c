import { describe, expect, it } from 'vitest';
import { caught } from '../test-caught.js';
import { describeChannels, toChannels } from './to-channels.js';

describe('toChannels', () => {
  it('RGB → gray is the BT.601 luma 0.299 R + 0.587 G + 0.114 B', () => {
    const got = toChannels(Float32Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30), 3, 1);
    [0.299 * 255, 0.587 * 255, 0.114 * 255, 0.299 * 10 + 0.587 * 20 + 0.114 * 30].forEach((v, i) =>
      expect(got[i]).toBeCloseTo(v, 4),
    );
  });

  it('gray → RGB replicates; equal R, G, B → gray gives the level back (weights sum to 1)', () => {
    expect([...toChannels(Float32Array.of(7, 200), 1, 3)]).toEqual([7, 7, 7, 200, 200, 200]);
    expect(toChannels(Float32Array.of(90, 90, 90), 3, 1)[0]).toBeCloseTo(90, 4);
  });

  it('alpha is dropped, not composited: RGBA → RGB, gray + alpha → gray / RGB', () => {
    expect([...toChannels(Float32Array.of(1, 2, 3, 0, 4, 5, 6, 255), 4, 3)]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...toChannels(Float32Array.of(9, 0, 8, 255), 2, 1)]).toEqual([9, 8]);
    expect([...toChannels(Float32Array.of(9, 0), 2, 3)]).toEqual([9, 9, 9]);
  });

  it('the same channels give a copy', () => {
    const a = Float32Array.of(1, 2, 3);
    const b = toChannels(a, 3, 3);
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
  });

  it('describeChannels says what was done, nothing when nothing was', () => {
    expect(describeChannels(4, 1)).toBe(
      'alpha dropped; RGB converted to gray with ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B)',
    );
    expect(describeChannels(1, 3)).toBe('gray replicated into R, G and B');
    expect(describeChannels(3, 3)).toBe('');
    expect(describeChannels(1, 1)).toBe('');
  });

  it('bad arguments are named', () => {
    expect(caught(() => toChannels(Float32Array.of(1, 2), 3, 1)).message).toBe(
      'toChannels: from must be 1, 2, 3 or 4 dividing data.length (2), got 3',
    );
    expect(caught(() => toChannels(Float32Array.of(1), 1, 2 as 3)).message).toBe(
      'toChannels: to must be 1 or 3, got 2',
    );
  });
});
