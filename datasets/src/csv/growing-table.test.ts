import { describe, expect, it } from 'vitest';
import { GrowingTable } from './growing-table.js';

describe('GrowingTable', () => {
  it('grows past its first capacity, keeps every cell, interns labels and trims to the exact size', () => {
    const t = new GrowingTable(2);
    const rows = 5000; // > 1024 × 4: three doublings
    for (let i = 0; i < rows; i++) {
      const at = t.addRow(i % 3 === 0 ? 'fizz' : 'other');
      t.features[at] = i;
      t.features[at + 1] = -i / 4;
    }
    const { features, labelIds, labels } = t.finish();
    expect(features.length).toBe(rows * 2);
    expect(features.buffer.byteLength).toBe(rows * 2 * 4);
    expect([features[0], features[1], features[2 * 4999], features[2 * 4999 + 1]]).toEqual([
      0,
      -0,
      4999,
      -4999 / 4,
    ]);
    expect(labels).toEqual(['fizz', 'other']);
    expect(labelIds.length).toBe(rows);
    expect(Array.from(labelIds.subarray(0, 4))).toEqual([0, 1, 1, 0]);
  });
});
