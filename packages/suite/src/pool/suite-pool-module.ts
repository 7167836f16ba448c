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
 * Warm-cache durations in ms measured on the 2-core machine (quick and full budget, one worker), rounded; only the
 * order they give matters.
 * @example POOL_ESTIMATES_MS['activation-maximization'].full // 68000
 */
export const POOL_ESTIMATES_MS = {
  'laplacian-kernel': { quick: 2_000, full: 15_000 },
  'cnn-filters-vs-lr-templates': { quick: 1_000, full: 1_000 },
  'max-patch-vs-filter': { quick: 2_000, full: 5_000 },
  'activation-maximization': { quick: 14_000, full: 68_000 },
  unimodality: { quick: 10_000, full: 60_000 },
  'mode-vs-typical': { quick: 7_000, full: 25_000 },
  'first-layer-easy-deeper-hard': { quick: 5_000, full: 26_000 },
  'adversarial-vs-logistic': { quick: 9_000, full: 36_000 },
  'layer-is-a-basis': { quick: 3_000, full: 4_000 },
  'attribution-sanity': { quick: 8_000, full: 30_000 },
  'attribution-localization': { quick: 5_000, full: 20_000 },
  'attribution-vs-lr-template': { quick: 4_000, full: 15_000 },
  'attribution-deletion': { quick: 5_000, full: 20_000 },
  'logistic-penguins': { quick: 1_000, full: 11_000 },
  'logistic-cars': { quick: 1_000, full: 10_000 },
  'logistic-synthetic': { quick: 1_000, full: 18_000 },
  'tabular-lr-vs-mlp': { quick: 3_000, full: 10_000 },
  'tabular-interactions': { quick: 3_000, full: 10_000 },
  'tabular-dummy-feature': { quick: 3_000, full: 10_000 },
} as const satisfies Record<ExperimentId, { quick: number; full: number }>;
