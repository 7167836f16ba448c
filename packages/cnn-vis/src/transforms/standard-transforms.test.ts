import { describe, expect, it } from 'vitest';
import { standardTransformSettings } from './standard-transforms.js';

describe('standardTransformSettings', () => {
  // Lucid's numbers at 224 px: pad 12, jitter 8, scale 0.9–1.1, ±10°, jitter 4; pixel sizes scale as size/224, ≥ 1.
  it.each([
    { size: 224, channels: 3, pad: 12, jitter: 8, finalJitter: 4, padValue: 0.5 },
    { size: 448, channels: 3, pad: 24, jitter: 16, finalJitter: 8, padValue: 0.5 },
    { size: 28, channels: 1, pad: 2, jitter: 1, finalJitter: 1, padValue: 0 }, // 1.5 → 2, 1, 0.5 → 1 (at least 1)
    { size: 10, channels: 4, pad: 1, jitter: 1, finalJitter: 1, padValue: 0 }, // 0.54, 0.36, 0.18 → 1
  ])('$size px, $channels channels: pad $pad, jitter $jitter / $finalJitter, pad value $padValue', (c) => {
    expect(standardTransformSettings(c.size, c.channels)).toEqual({
      pad: c.pad,
      padValue: c.padValue,
      jitter: c.jitter,
      scales: [0.9, 1.1],
      degrees: 10,
      finalJitter: c.finalJitter,
    });
  });
});
