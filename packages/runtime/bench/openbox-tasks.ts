/**
 * The OpenBox side of the PyTorch comparison: one command (the same JSON the PyTorch peer `bench/torch_reference.py`
 * answers) run on the current tfjs backend. Training and input gradients go through the library's own
 * `measureTrainingThroughput` / `measureInputGradientRate` (so the benchmark times what users call); inference is
 * `model.predict` read back; `matmul` is one size×size `tf.matMul`, the backend's ceiling.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { measureInputGradientRate } from '../src/throughput/measure-input-gradient.js';
import { measureTrainingThroughput } from '../src/throughput/measure-training.js';
import { syntheticBatch } from '../src/throughput/synthetic-batch.js';
import { timeSteps } from '../src/throughput/time-steps.js';

/** The compared work: training samples/s (batch 64), input-gradient steps/s (batch 8), inference samples/s (batch 64), matmul GFLOP/s. */
export type TaskName = 'train' | 'inputGradient' | 'inference' | 'matmul';

/** One measurement request, as both peers read it. */
export interface PeerCommand {
  readonly task: TaskName;
  /** Timed steps (products for `matmul`). */
  readonly steps: number;
  /** Untimed steps first; default 3 (2 for training). */
  readonly warmup?: number;
  /** PyTorch threads (`torch.set_num_threads`); the OpenBox side runs on the threads its backend was started with. */
  readonly threads?: number;
  /** Matrix size for `matmul`. */
  readonly size?: number;
  /** PyTorch's matmul kernel: 'onednn' (default) or 'blas' (`torch.mm`). */
  readonly kernel?: 'onednn' | 'blas';
}

/** One measurement: the rate (samples/s, steps/s or GFLOP/s) or the error the peer met. */
export interface PeerAnswer {
  readonly rate: number;
  readonly seconds: number;
  readonly threads?: number;
  readonly error?: string;
}

/** Batch sizes of the compared tasks (the PyTorch peer uses the same). */
export const BATCH: Record<Exclude<TaskName, 'matmul'>, number> = {
  train: 64,
  inputGradient: 8,
  inference: 64,
};

/** Inference samples/s at batch 64: `predict`, read back, disposed. */
async function inferenceRate(model: tfl.LayersModel, steps: number, warmup: number): Promise<PeerAnswer> {
  const { x } = syntheticBatch(BATCH.inference, [28, 28, 1], 10, 1);
  const step = async () => {
    const p = model.predict(x) as tf.Tensor;
    await p.data();
    p.dispose();
  };
  try {
    const { result } = await timeSteps(step, { steps, warmup, batchSize: BATCH.inference });
    return { rate: result.samplesPerSecond, seconds: result.seconds };
  } finally {
    x.dispose();
  }
}

/** GFLOP/s of `steps` size×size products (2·size³ FLOP each), each read back. */
async function matmulRate(size: number, steps: number, warmup: number): Promise<PeerAnswer> {
  const a = tf.randomUniform([size, size], 0, 1, 'float32', 1);
  const b = tf.randomUniform([size, size], 0, 1, 'float32', 2);
  const step = async () => {
    const c = tf.matMul(a, b);
    await c.data();
    c.dispose();
  };
  try {
    const { result } = await timeSteps(step, { steps, warmup, batchSize: 1 });
    return { rate: (2 * size ** 3 * steps) / result.seconds / 1e9, seconds: result.seconds };
  } finally {
    tf.dispose([a, b]);
  }
}

/**
 * Runs `command` on the current backend with `model` (the reference CNN, reused across rounds).
 * @example const { rate } = await runOpenboxTask(model, { task: 'train', steps: 20 }); // samples/s
 */
export async function runOpenboxTask(model: tfl.LayersModel, command: PeerCommand): Promise<PeerAnswer> {
  const { task, steps } = command;
  switch (task) {
    case 'train': {
      const r = await measureTrainingThroughput({
        model,
        steps,
        warmup: command.warmup ?? 2,
        batchSize: BATCH.train,
      });
      return { rate: r.samplesPerSecond, seconds: r.seconds };
    }
    case 'inputGradient': {
      const r = await measureInputGradientRate({
        model,
        steps,
        warmup: command.warmup ?? 3,
        batchSize: BATCH.inputGradient,
      });
      return { rate: r.stepsPerSecond, seconds: r.seconds };
    }
    case 'inference':
      return inferenceRate(model, steps, command.warmup ?? 3);
    case 'matmul':
      return matmulRate(command.size ?? 1024, steps, command.warmup ?? 2);
    default:
      throw new Error(`unknown task ${JSON.stringify(task)}`);
  }
}
