import { describe, expect, it } from 'vitest';
import { similarityMatrix } from './similarity-matrix.js';

type Layered = {
  data: { values: { a: string; b: string; value: number }[] };
  layer: { mark: { type: string }; encoding: { color?: { scale: unknown } } }[];
};

describe('similarityMatrix', () => {
  it('labels rows and columns, prints values for small matrices, defaults to a [-1, 1] diverging domain', () => {
    const spec = similarityMatrix({
      labels: ['x', 'y'],
      matrix: [
        [1, -0.5],
        [-0.5, 1],
      ],
    }) as unknown as Layered;
    expect(spec.data.values[1]).toEqual({ a: 'x', b: 'y', value: -0.5 });
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['rect', 'text']);
    expect(spec.layer[0]!.encoding.color!.scale).toMatchObject({ domain: [-1, 1], domainMid: 0 });
  });

  it('omits values for large matrices', () => {
    const n = 13;
    const matrix = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
    );
    const spec = similarityMatrix({ labels: matrix.map((_, i) => `u${i}`), matrix }) as unknown as Layered;
    expect(spec.layer).toHaveLength(1);
  });

  it('rejects non-square matrices and wrong label counts', () => {
    expect(() => similarityMatrix({ labels: ['a'], matrix: [[1, 2]] })).toThrow(
      'similarityMatrix: data.matrix must be square, got "1×2".',
    );
    expect(() =>
      similarityMatrix({
        labels: ['a'],
        matrix: [
          [1, 0],
          [0, 1],
        ],
      }),
    ).toThrow('similarityMatrix: data.labels has length 1, expected 2.');
  });
});
