import { describe, expect, it } from 'vitest';
import {
  defaultMethod,
  LOCAL_METHODS,
  whyNot,
  type LocalMethod,
  type MethodContext,
} from './explain-methods.js';

const LR_LOGIT: MethodContext = { features: 4, model: 'lr', output: 'logit', classes: 2 };

/** Per method: a context where it applies, and one where it does not (with a phrase of the reason). */
const CASES: Record<LocalMethod, { applies: MethodContext; not?: [MethodContext, string] }> = {
  exact: {
    applies: { ...LR_LOGIT, features: 16 },
    not: [{ ...LR_LOGIT, features: 17 }, 'at most 16 features'],
  },
  kernel: { applies: { ...LR_LOGIT, features: 200, model: 'mlp', output: 'probability' } },
  linear: { applies: LR_LOGIT, not: [{ ...LR_LOGIT, model: 'file' }, '--model PATH (a tfjs model)'] },
  'integrated-gradients': { applies: { ...LR_LOGIT, model: 'file', classes: 5 } },
  'expected-gradients': { applies: { ...LR_LOGIT, model: 'mlp' } },
};

describe('whyNot', () => {
  it.each(LOCAL_METHODS)('%s: applies where it should, not where it cannot', (method) => {
    const c = CASES[method];
    expect(whyNot(method, c.applies)).toBeUndefined();
    if (c.not) expect(whyNot(method, c.not[0])).toContain(c.not[1]);
  });

  it.each<[Partial<MethodContext>, string]>([
    [{ model: 'mlp' }, '--model mlp is not a logistic regression'],
    [{ output: 'probability' }, '--output probability is σ of the log-odds'],
    [{ classes: 3 }, '--target has 3 classes'],
  ])('linear is refused for %j', (change, phrase) => {
    expect(whyNot('linear', { ...LR_LOGIT, ...change })).toContain(phrase);
  });

  it('defaults to exact up to 16 features, kernel above', () => {
    expect([defaultMethod(1), defaultMethod(16), defaultMethod(17)]).toEqual(['exact', 'exact', 'kernel']);
  });
});
