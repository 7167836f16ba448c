import { describe, expect, it } from 'vitest';
import { SuiteError } from '../suite-error.js';
import { assertFiniteMetrics, assertFiniteWeights } from './finite-guards.js';

const thrown = (action: () => void): SuiteError => {
  try {
    action();
  } catch (e) {
    if (e instanceof SuiteError) return e;
    throw e;
  }
  throw new Error('did not throw');
};

describe('finite guards', () => {
  it.each([
    [Number.NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ])('a metric of %s fails naming the metric and where it was measured', (value, text) => {
    const error = thrown(() =>
      assertFiniteMetrics('unimodality', "unit 'logits:3'", { ok: 0.5, optimaCorrelation: value }),
    );
    expect(error.code).toBe('non-finite');
    expect(error.message).toBe(
      `unimodality: the measured optimaCorrelation of unit 'logits:3' is ${text}; a verdict needs finite numbers (check the model's weights and activations).`,
    );
  });

  it('finite values pass; the first non-finite weight is named by index', () => {
    expect(() => assertFiniteMetrics('x', 'layer', { a: 0, b: -1e300 })).not.toThrow();
    expect(() => assertFiniteWeights('x', 'conv', 'bias', new Float32Array([1, 2, 3]))).not.toThrow();
    expect(
      thrown(() => assertFiniteWeights('x', 'conv\u001b[31m', 'bias', [1, Number.NaN, Infinity])).message,
    ).toBe(
      "x: layer 'conv\\x1b[31m' has a non-finite bias (NaN at index 1); the claim cannot be measured on a model with NaN or infinite weights.",
    );
  });
});
