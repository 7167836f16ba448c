import { describe, expect, it } from 'vitest';
import { imageGallery } from './image-gallery.js';
import { wave } from './test-cases.js';

type Facet = {
  data: { values: { image: string }[] };
  facet: { sort: string[] };
  columns: number;
  resolve?: unknown;
  spec: { encoding: { color: { legend?: null } } };
};

describe('imageGallery', () => {
  const images = [3, 1, 2].map((i) => ({ label: `filter ${i}`, values: wave(5, 5, i) }));

  it('facets the images in input order with the given number of columns', () => {
    const spec = imageGallery(images, { columns: 2 }) as unknown as Facet;
    expect(spec.facet.sort).toEqual(['filter 3', 'filter 1', 'filter 2']);
    expect(spec.columns).toBe(2);
    expect(spec.data.values).toHaveLength(75);
    expect(spec.data.values.filter((v) => v.image === 'filter 1')).toHaveLength(25);
    expect(spec.resolve).toBeUndefined();
  });

  it('gives each image its own color scale and no legend when not shared', () => {
    const spec = imageGallery(images, { sharedScale: false }) as unknown as Facet;
    expect(spec.resolve).toEqual({ scale: { color: 'independent' } });
    expect(spec.spec.encoding.color.legend).toBeNull();
  });

  it('rejects images of different shapes, duplicate labels and bad columns', () => {
    expect(() => imageGallery([images[0]!, { label: 'x', values: wave(4, 5) }])).toThrow(
      'imageGallery: images[1].values has shape 4×5, expected 5×5 like the first image.',
    );
    expect(() => imageGallery([images[0]!, images[0]!])).toThrow(
      'imageGallery: images[].label has the duplicate "filter 3"',
    );
    expect(() => imageGallery(images, { columns: 1.5 })).toThrow(
      'imageGallery: options.columns must be a positive integer, got 1.5.',
    );
    expect(() => imageGallery([])).toThrow('imageGallery: images is empty');
  });
});
