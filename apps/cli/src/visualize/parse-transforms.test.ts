import { describe, expect, it } from 'vitest';
import { buildTransforms, parseTransforms } from './parse-transforms.js';

describe('parseTransforms / buildTransforms', () => {
  it.each([
    [
      'standard',
      [28, 28, 1],
      'standard: pad 2 px (value 0), jitter 1 px, scale 0.9-1.1, rotate ±10°, jitter 1 px',
    ],
    [
      'standard',
      [224, 224, 3],
      'standard: pad 12 px (value 0.5), jitter 8 px, scale 0.9-1.1, rotate ±10°, jitter 4 px',
    ],
    ['none', [28, 28, 1], 'none'],
    [
      'pad:12, jitter:8,scale:0.9-1.1,rotate:10,jitter:4',
      [64, 64, 3],
      'pad 12 px (value 0.5), jitter 8 px, scale 0.9-1.1, rotate ±10°, jitter 4 px',
    ],
    ['scale:1.2', [64, 64, 3], 'scale 1.2-1.2'],
  ] as const)('%s on %j', (text, shape, description) => {
    const built = buildTransforms(parseTransforms(text), shape);
    expect(built.description).toBe(description);
    expect(built.transform === null).toBe(text === 'none');
  });

  it('items keep their order and numbers', () => {
    expect(parseTransforms('rotate:5,pad:3,scale:0.5-2')).toEqual({
      kind: 'items',
      items: [
        { name: 'rotate', degrees: 5 },
        { name: 'pad', pixels: 3 },
        { name: 'scale', scales: [0.5, 2] },
      ],
    });
  });
});
