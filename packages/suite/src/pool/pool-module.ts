/**
 * The contract of a module that pool workers import experiments from: its experiments and the cached models they
 * share. The suite's own is `suite-pool-module.ts` (the registry); tests pass a module of tiny experiments.
 */
import type { Experiment, ProgressFn, SuiteImages } from '../experiment.js';

/** What a prerequisite's `prepare` gets: the run's cache folder and a progress callback. */
export interface PrepareContext {
  readonly cacheDir: string;
  readonly progress: ProgressFn;
}

/**
 * A cached artefact several experiments share (a trained model, fitted templates). On a cold cache the pool prepares
 * it once, in one worker, before any experiment that uses it starts, so two workers never train it at the same time.
 */
export interface Prerequisite {
  /** Kebab-case name, shown in progress events as `prepare:<name>`. */
  readonly name: string;
  /**
   * Ids of the experiments that use it in a run with this `modelPath` and `images` (a user's model replaces the
   * reference CNN; a user's images replace MNIST, and with it the MNIST-trained controls and templates).
   */
  usedBy(modelPath: string | undefined, images?: SuiteImages): readonly string[];
  /** A cheap check on the main thread: does the cache hold it? (A damaged entry is repaired by its loader.) */
  isCached(cacheDir: string): boolean;
  /** Load it, or train and save it, into `ctx.cacheDir`; runs in a worker. */
  prepare(ctx: PrepareContext): Promise<void>;
}

/** The exports a pool module must have. */
export interface PoolModule {
  /** The experiments a worker may run, by id; `runSuite` pools exactly these objects. */
  readonly POOL_EXPERIMENTS: readonly Experiment[];
  /** The shared cached artefacts (may be empty). */
  readonly POOL_PREREQUISITES: readonly Prerequisite[];
  /** Longest-first estimates in ms for a run without a previous manifest, by id and budget (may miss ids). */
  readonly POOL_ESTIMATES_MS?: Readonly<Record<string, { readonly quick: number; readonly full: number }>>;
}

/**
 * Reads a pool module's exports, with a clear error when one is missing.
 * @example const mod = asPoolModule(await import(url.href), url);
 */
export function asPoolModule(value: unknown, url: URL): PoolModule {
  const mod = value as Partial<PoolModule> | null;
  if (!Array.isArray(mod?.POOL_EXPERIMENTS) || !Array.isArray(mod?.POOL_PREREQUISITES))
    throw new Error(
      `runSuite: the pool module ${url.href} must export POOL_EXPERIMENTS and POOL_PREREQUISITES arrays.`,
    );
  return mod as PoolModule;
}
