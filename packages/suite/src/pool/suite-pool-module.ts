/**
 * The pool module of the suite itself (see `pool-module.ts`): the registry's experiments, their shared cached
 * models, and static duration estimates for the longest-first order of a first run (later runs use the previous
 * manifest's durations). Workers import this module, built (`dist/pool/suite-pool-module.js`) or from sources.
 */
import { SUITE_EXPERIMENTS, type ExperimentId } from '../experiments/registry.js';
import type { Prerequisite } from './pool-module.js';
import { SUITE_PREREQUISITES } from './suite-prerequisites.js';

/**
 * The registry's experiments, the same objects as `SUITE_EXPERIMENTS` (so `runSuite` pools exactly those).
 * @example POOL_EXPERIMENTS === SUITE_EXPERIMENTS // true
 */
export const POOL_EXPERIMENTS = SUITE_EXPERIMENTS;
/**
 * The cached models they share (`SUITE_PREREQUISITES`).
 * @example POOL_PREREQUISITES.map((p) => p.name) // ['reference-cnn', 'judge', 'shuffled-labels', 'lr-templates']
 */
export const POOL_PREREQUISITES: readonly Prerequisite[] = SUITE_PREREQUISITES;

/**
 * Warm-cache durations in ms on the 2-core machine, one worker: quick from `pnpm --filter @openbox/suite bench`
 * (2026-12-02, load ~4, medians of 3 rounds), full from the earlier full-suite benchmark (2026-12-01) where it listed
 * the experiment, else a guess; only the order they give matters.
 * @example POOL_ESTIMATES_MS['activation-maximization'].full // 68000
 */
export const POOL_ESTIMATES_MS = {
  'laplacian-kernel': { quick: 1_900, full: 15_000 },
  'cnn-filters-vs-lr-templates': { quick: 1_800, full: 1_000 },
  'max-patch-vs-filter': { quick: 1_700, full: 5_000 },
  'activation-maximization': { quick: 30_700, full: 68_000 },
  unimodality: { quick: 28_900, full: 60_000 },
  'mode-vs-typical': { quick: 19_100, full: 25_000 },
  'first-layer-easy-deeper-hard': { quick: 4_600, full: 26_000 },
  'adversarial-vs-logistic': { quick: 22_100, full: 36_000 },
  'layer-is-a-basis': { quick: 2_700, full: 4_000 },
  'attribution-sanity': { quick: 5_200, full: 30_000 },
  'attribution-localization': { quick: 4_600, full: 20_000 },
  'attribution-vs-lr-template': { quick: 7_500, full: 15_000 },
  'attribution-deletion': { quick: 9_200, full: 20_000 },
  'logistic-penguins': { quick: 2_300, full: 11_000 },
  'logistic-cars': { quick: 2_500, full: 10_000 },
  'logistic-synthetic': { quick: 2_900, full: 18_000 },
  'tabular-lr-vs-mlp': { quick: 15_000, full: 10_000 },
  'tabular-interactions': { quick: 3_000, full: 10_000 },
  'tabular-dummy-feature': { quick: 13_000, full: 10_000 },
} as const satisfies Record<ExperimentId, { quick: number; full: number }>;
