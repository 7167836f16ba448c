import { describe, expect, it } from 'vitest';
import { imageHeatmap } from './image-heatmap.js';

type Unit = {
  data: { values: { row: number; col: number; value: number }[] };
  encoding: { color: { scale: Record<string, unknown> } };
};

describe('imageHeatmap', () => {
  it('emits one rect record per entry, row-major, with row/col indices', () => {
    const spec = imageHeatmap([
      [1, 2, 3],
      [4, 5, 6],
    ]) as unknown as Unit;
    expect(spec.data.values).toHaveLength(6);
    expect(spec.data.values[5]).toEqual({ row: 1, col: 2, value: 6 });
  });

  it('centres a diverging scale on 0 with a symmetric domain', () => {
    const spec = imageHeatmap([[-1, 3]]) as unknown as Unit;
    expect(spec.encoding.color.scale).toMatchObject({ domain: [-3, 3], domainMid: 0, scheme: 'redblue' });
  });

  it('uses the data extent (or the given domain) for a sequential scale', () => {
    expect(
      (imageHeatmap([[0.2, 0.9]], { scale: 'sequential' }) as unknown as Unit).encoding.color.scale,
    ).toMatchObject({
      domain: [0.2, 0.9],
    });
    expect(
      (imageHeatmap([[0.2, 0.9]], { scale: 'sequential', domain: [0, 1] }) as unknown as Unit).encoding.color
        .scale,
    ).toMatchObject({
      domain: [0, 1],
    });
  });

  it('rejects empty, ragged and NaN input and bad options with clear errors', () => {
    expect(() => imageHeatmap([])).toThrow('imageHeatmap: values is empty; pass at least one value.');
    expect(() => imageHeatmap([[]])).toThrow('imageHeatmap: values[0] is empty');
    expect(() => imageHeatmap([[1, 2], [3]])).toThrow(
      'imageHeatmap: values is ragged: row 1 has 1 values, row 0 has 2; every row must have the same length.',
    );
    expect(() => imageHeatmap([[1, NaN]])).toThrow(
      'imageHeatmap: values[0][1] must be a finite number, got NaN.',
    );
    expect(() => imageHeatmap([[1]], { cellSize: 0 })).toThrow(
      'imageHeatmap: options.cellSize must be a positive integer, got 0.',
    );
    expect(() => imageHeatmap([[1]], { scale: 'rainbow' as never })).toThrow(
      'options.scale must be one of diverging, sequential',
    );
    expect(() => imageHeatmap([[1]], { domain: [1, 0] })).toThrow(
      'options.domain must be two finite numbers',
    );
  });
});
