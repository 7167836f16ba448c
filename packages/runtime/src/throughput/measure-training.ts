/** Training throughput of a classifier (samples/s): Adam + categorical cross-entropy, one batch repeated. */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildReferenceCnn } from '../reference-cnn.js';
import { syntheticBatch } from './synthetic-batch.js';
import { timeSteps } from './time-steps.js';

export interface TrainingThroughputOptions {
  /** The model to train (compiled here with Adam 1e-3 and categorical cross-entropy). Default: a fresh reference CNN. */
  readonly model?: tfl.LayersModel;
  /** Default 64. */
  readonly batchSize?: number;
  /** Timed steps. Default 20. */
  readonly steps?: number;
  /** Untimed steps first (kernel set-up, allocation). Default 3. */
  readonly warmup?: number;
  /** Seed of the data and of the default model. Default 0. */
  readonly seed?: number;
}

export interface ThroughputResult {
  /** Loss of the first and the last timed step (training only): the repeated batch must be learned. */
  readonly firstLoss?: number;
  readonly lastLoss?: number;
  readonly samplesPerSecond: number;
  readonly stepsPerSecond: number;
  readonly seconds: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly backend: string;
}

/**
 * Time `steps` training steps (`trainOnBatch`, which reads the loss back each step as real training does) after
 * `warmup` untimed ones. Disposes everything it created, the default model included.
 * @example const { samplesPerSecond } = await measureTrainingThroughput({ steps: 20 });
 */
export async function measureTrainingThroughput(
  options: TrainingThroughputOptions = {},
): Promise<ThroughputResult> {
  const batchSize = options.batchSize ?? 64;
  const steps = options.steps ?? 20;
  const warmup = options.warmup ?? 3;
  const seed = options.seed ?? 0;
  const model = options.model ?? buildReferenceCnn({ seed });
  const optimizer = tf.train.adam(1e-3);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const inputShape = model.inputs[0]!.shape.slice(1) as number[];
  const classes = model.outputs[0]!.shape[1] as number;
  const { x, y } = syntheticBatch(batchSize, inputShape, classes, seed);
  try {
    const { result, values: losses } = await timeSteps(async () => Number(await model.trainOnBatch(x, y)), {
      steps,
      warmup,
      batchSize,
    });
    return { ...result, firstLoss: losses[0]!, lastLoss: losses[losses.length - 1]! };
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
    if (options.model === undefined) model.dispose();
  }
}
