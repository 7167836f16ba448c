import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf, twoSidedP, Z_975 } from './normal.js';

// Reference values: Abramowitz & Stegun / mpmath to 17 significant digits.
const ERFC: [number, number][] = [
  [0, 1],
  [0.1, 0.8875370839817151],
  [0.5, 0.47950012218695346],
  [1, 0.15729920705028513],
  [1.5, 0.033894853524689274],
  [2, 0.0046777349810472658],
  [2.5, 0.00040695201744495894],
  [3, 2.2090496998585441e-5],
  [4, 1.5417257900280018e-8],
  [5, 1.5374597944280349e-12],
  [6, 2.1519736712498913e-17],
  [10, 2.0884875837625448e-45],
  [-1, 1.8427007929497149],
];

describe('erfc / erf / normalCdf', () => {
  it.each(ERFC)('erfc(%d) to relative 1e-14', (x, want) => {
    expect(Math.abs(erfc(x) - want)).toBeLessThanOrEqual(1e-14 * Math.abs(want));
  });

  it('erf is odd and erf + erfc = 1', () => {
    for (const x of [0.05, 0.3, 1.2, 1.99, 2.01, 3.3]) {
      expect(erf(-x)).toBe(-erf(x));
      expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThan(1e-15);
    }
    expect(Math.abs(erf(0.5) - 0.52049987781304654)).toBeLessThanOrEqual(2.3e-16); // 2 ulp
  });

  it('erf from x = 2 on goes through erfc: erf(2), erf(3) to 1.2e-16, and exactly ±1 in the far tails', () => {
    // erf = 1 − erfc with the table's erfc(2), erfc(3) (mpmath, 20 digits). Measured 2.2e-17 and 5.4e-17 (under
    // ½ ulp); bound ≈ 2× the larger (the series, summed here, is 2.4e-16 and 2.8e-16 off: 2 ulps and more).
    expect(Math.abs(erf(2) - 0.99532226501895273416)).toBeLessThanOrEqual(1.2e-16);
    expect(Math.abs(erf(3) - 0.99997790950300141456)).toBeLessThanOrEqual(1.2e-16);
    // 1 − erf(x) < 2⁻⁵⁴ from x ≈ 6 on, so erf is 1 in float64; the series truncated at 200 terms would give
    // 0.999999999999999 at 10 and 6e-88 at 25.
    for (const x of [6, 10, 25, 27, 28]) {
      expect(erf(x)).toBe(1);
      expect(erf(-x)).toBe(-1);
    }
  });

  it('normalCdf and two-sided p-values at textbook points', () => {
    expect(Math.abs(normalCdf(Z_975) - 0.975)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(-1) - 0.15865525393145705)).toBeLessThan(1e-16);
    expect(Math.abs(normalCdf(0) - 0.5)).toBe(0);
    expect(Math.abs(twoSidedP(Z_975) - 0.05)).toBeLessThan(1e-15);
    expect(Math.abs(twoSidedP(-3) - 0.0026997960632601866)).toBeLessThan(1e-17);
    // Far tail: P(|Z| > 8) = 2Φ(−8) = 1.2441921148543651e-15, relative accuracy kept (measured 2.2e-16; ≈ 9×).
    expect(Math.abs(twoSidedP(8) / 1.2441921148543651e-15 - 1)).toBeLessThan(2e-15);
    expect(Number.isNaN(erfc(NaN))).toBe(true);
  });
});
