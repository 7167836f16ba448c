/** The agreement measures on hand-computed cases (ties as scipy.stats.rankdata / spearmanr). */
import { describe, expect, it } from 'vitest';
import {
  attributionAgreement,
  averageRanks,
  lowestIndices,
  pearson,
  signAgreement,
  spearman,
} from './tabular-agreement.js';

describe('tabular agreement measures', () => {
  it('pearson: ±1 for exact lines, 0 for a constant side, a hand-computed value otherwise', () => {
    expect(pearson([1, 2, 3], [5, 7, 9])).toBeCloseTo(1, 15);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
    expect(pearson([1, 2, 3], [4, 4, 4])).toBe(0);
    // Σ da·db = 4.5, Σ da² = 4.5, Σ db² = 5 (see spearman below).
    expect(pearson([-1.5, 0, 0, 1.5], [-1.5, 0.5, -0.5, 1.5])).toBeCloseTo(4.5 / Math.sqrt(22.5), 14);
  });

  it('averageRanks gives ties their mean rank; spearman is pearson of the ranks', () => {
    expect(Array.from(averageRanks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(averageRanks([3, 1, 2]))).toEqual([3, 1, 2]);
    // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]).statistic = 0.9486832980505138
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(0.9486832980505138, 14);
    expect(spearman([0.1, 0.5, 0.3], [1, 30, 2])).toBeCloseTo(1, 15);
  });

  it('signAgreement counts equal signs; 0 agrees only with 0', () => {
    expect(signAgreement([1, -2, 0, 3], [2, -1, 0, -3])).toBe(0.75);
    expect(signAgreement([0, 1], [1, 1])).toBe(0.5);
  });

  it('attributionAgreement reads rows and columns of a row-major table; lowestIndices orders by value then index', () => {
    // 2 rows × 3 features: row 0 identical, row 1 reversed.
    const a = Float64Array.of(1, 2, 3, 1, 2, 3);
    const b = Float64Array.of(1, 2, 3, 3, 2, 1);
    const g = attributionAgreement(a, b, 2, 3);
    expect(Array.from(g.rowPearson).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, -1]);
    expect(Array.from(g.rowSign)).toEqual([1, 1]);
    expect(g.meanRowPearson).toBeCloseTo(0, 12);
    // Feature 0: a = (1, 1) constant → 0; feature 1: constant → 0; feature 2: constant → 0.
    expect(Array.from(g.featurePearson)).toEqual([0, 0, 0]);
    expect(lowestIndices([0.3, -1, 0.3, 2], 3)).toEqual([1, 0, 2]);
  });
});
