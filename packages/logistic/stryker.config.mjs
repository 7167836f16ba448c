/** Mutation testing of the exact fits, Wald inference, normal distribution and linear algebra: `pnpm mutate --package logistic`. */
import { strykerConfig } from '../../scripts/stryker-base.mjs';

export default strykerConfig(import.meta.url, {
  // src/exact/** minus the multinomial fit (lbfgs.ts, multinomial.ts, multinomial-objective.ts: 613 mutants at
  // 11–17 a minute here, 40+ min, because their covering tests take seconds instrumented and many mutants time out
  // in the iteration loops). Run those with `-- --mutate src/exact/lbfgs.ts,src/exact/multinomial*.ts`.
  mutate: [
    'src/exact/**/*.ts',
    '!src/exact/lbfgs.ts',
    '!src/exact/multinomial.ts',
    '!src/exact/multinomial-objective.ts',
    'src/inference/**/*.ts',
    'src/stats/**/*.ts',
    'src/linalg/**/*.ts',
  ],
  testFiles: [
    'src/exact/**/*.test.ts',
    'src/inference/**/*.test.ts',
    'src/stats/**/*.test.ts',
    'src/linalg/**/*.test.ts',
  ],
  // A mutant that only slows a Newton loop down to its iteration cap is a timeout (detected) after 1.5 × the tests'
  // dry-run time + 10 s; the tests covering these files take under 2 s each instrumented.
  timeoutMS: 10_000,
  skipTests: [
    // One test, forced Newton on 3 × 71 parameters: 2 s normally, 267 s instrumented (measured 2026-12-01), past
    // vitest's 120 s test timeout and more than all other tests together. The other multinomial tests (cars,
    // penguins, K = 2, separation) still cover the same Newton and L-BFGS code.
    'src/exact/multinomial.test.ts > fitExactMultinomial, large problems > ',
  ],
});
