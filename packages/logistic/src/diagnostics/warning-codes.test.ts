import { describe, expect, it } from 'vitest';
import { isLogisticWarningCode, LOGISTIC_WARNING_CODES } from './warning-codes.js';

describe('LOGISTIC_WARNING_CODES', () => {
  it('the guard accepts every code and nothing else', () => {
    for (const code of LOGISTIC_WARNING_CODES) expect(isLogisticWarningCode(code)).toBe(true);
    for (const other of ['collinearity', '', null, 3, 'NOT-CONVERGED'])
      expect(isLogisticWarningCode(other)).toBe(false);
  });
});
