/** Test fixture, not built: a pool module that loads on the main thread but throws inside a worker. */
import { isMainThread } from 'node:worker_threads';
import type { Experiment } from '../experiment.js';
import type { Prerequisite } from './pool-module.js';

if (!isMainThread) throw new Error('this module cannot load in a worker');

const nothing = (id: string): Experiment => ({
  id,
  title: id,
  claim: 'Nothing.',
  run: async () => ({ metrics: {}, verdict: { status: 'holds', reason: '' }, charts: [], artifacts: [] }),
});

export const POOL_EXPERIMENTS: readonly Experiment[] = [nothing('first'), nothing('second')];
export const POOL_PREREQUISITES: readonly Prerequisite[] = [];
