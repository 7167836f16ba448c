/** Times repeated steps after untimed warm-up steps, and turns the time into a throughput result. */
import * as tf from '@tensorflow/tfjs-core';
import type { ThroughputResult } from './measure-training.js';

/** Run `step` `warmup` times untimed, then `steps` times timed; resolve to the rates and what each timed step returned. */
export async function timeSteps<T>(
  step: () => Promise<T>,
  options: { readonly steps: number; readonly warmup: number; readonly batchSize: number },
): Promise<{ result: ThroughputResult; values: T[] }> {
  for (let i = 0; i < options.warmup; i++) await step();
  const values: T[] = [];
  const started = performance.now();
  for (let i = 0; i < options.steps; i++) values.push(await step());
  const seconds = (performance.now() - started) / 1000;
  const result: ThroughputResult = {
    samplesPerSecond: (options.steps * options.batchSize) / seconds,
    stepsPerSecond: options.steps / seconds,
    seconds,
    steps: options.steps,
    batchSize: options.batchSize,
    backend: tf.getBackend(),
  };
  return { result, values };
}
