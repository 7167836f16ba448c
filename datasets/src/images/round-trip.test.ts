import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePatternImages } from '../synthetic/make-pattern-images.js';
import { readImageFolder } from './read-image-folder.js';
import { writeImageFolder } from './write-image-folder.js';

const root = await mkdtemp(path.join(tmpdir(), 'image-round-trip-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('writeImageFolder → readImageFolder', () => {
  it.each([1, 3] as const)(
    'PNG, %i channel(s): the same pixels to the 1/255 step, classes and order kept',
    async (channels) => {
      const ds = makePatternImages({ n: 12, size: 16, seed: 1, channels });
      const dir = path.join(root, `png-${channels}`);
      const files = await writeImageFolder(dir, ds);
      const back = await readImageFolder(dir, { height: 16, width: 16, channels });
      expect(back.shape).toEqual([12, 16, 16, channels]);
      expect(back.classNames).toEqual(['horizontal', 'vertical']);
      // Rows come back grouped by class, in row order within a class: map each back to its source row.
      const rows = back.files.map((f) => files.indexOf(f));
      expect([...rows].every((r) => r >= 0)).toBe(true);
      const size = 16 * 16 * channels;
      let worst = 0;
      rows.forEach((src, i) => {
        expect(back.target[i]).toBe(ds.target[src]);
        for (let j = 0; j < size; j++) {
          const want = Math.round(ds.features[src * size + j]! * 255) / 255;
          worst = Math.max(worst, Math.abs(back.features[i * size + j]! - want));
        }
      });
      expect(worst).toBeLessThan(1e-6);
      expect(back.preprocessing).toContain('not resized');
    },
  );
});
