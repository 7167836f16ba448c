/** The Adam epoch loop of {@link trainMlp}: seeded batch orders, one read-back per epoch, early stopping. */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Rng } from '@openbox/runtime';
import type { Matrix } from '../core/matrix.js';

/** One epoch of {@link trainMlp}'s history. */
export interface TrainMlpEpoch {
  /** 0-based. */
  readonly epoch: number;
  /** Keras's epoch loss: the row-weighted mean over the epoch's batches of (batch cross-entropy + L2 term). */
  readonly loss: number;
  /** Mean validation cross-entropy (no L2 term) after the epoch; absent without validation. */
  readonly valLoss?: number;
  /** Validation accuracy after the epoch; absent without validation. */
  readonly valAccuracy?: number;
}

/** A part of the table: its rows and class indices. */
export interface LabelledRows {
  readonly x: Matrix;
  readonly labels: Int32Array;
}

/** What the loop needs of the resolved options. */
export interface FitLoopOptions {
  readonly classes: number;
  readonly l2: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly patience: number;
  readonly rng: Rng;
}

/** The loop's account, the model's weights set to the best epoch's. */
export interface FitLoopResult {
  readonly history: TrainMlpEpoch[];
  readonly bestEpoch: number;
  readonly stoppedEpoch: number;
  readonly trainAccuracy: number;
  readonly validationAccuracy?: number;
}

interface Tensors {
  readonly x: tf.Tensor2D;
  /** [n, 1] 0/1 for a sigmoid head, one-hot [n, classes] for softmax. */
  readonly y: tf.Tensor2D;
  readonly n: number;
}

function toTensors(rows: LabelledRows, classes: number): Tensors {
  const { x, labels } = rows;
  return {
    x: tf.tensor2d(Float32Array.from(x.data), [x.rows, x.cols]),
    y:
      classes === 2
        ? tf.tensor2d(Float32Array.from(labels), [x.rows, 1])
        : tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), classes), 'float32') as tf.Tensor2D),
    n: x.rows,
  };
}

/**
 * Train `model` in place. Each epoch shuffles the training rows (Fisher–Yates from `rng`), takes Adam steps on
 * consecutive batches of `batchSize`, and reads back one small tensor (epoch loss, validation loss and accuracy).
 * With `validation`, a lower validation loss snapshots the weights (tensor clones, no read-back); `patience` epochs
 * without one stop the loop; the best snapshot is restored at the end. All tensors but the model's are disposed.
 */
export function fitLoop(
  model: tfl.LayersModel,
  train: LabelledRows,
  validation: LabelledRows | undefined,
  o: FitLoopOptions,
): FitLoopResult {
  const sigmoid = o.classes === 2;
  const layers = model.layers;
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const kernels = layers.map((l) => l.trainableWeights[0]!.read());
  const [outKernel, outBias] = layers[layers.length - 1]!.trainableWeights.map((w) => w.read()) as [
    tf.Tensor,
    tf.Tensor,
  ];
  const logits = (x: tf.Tensor2D): tf.Tensor2D => {
    let h: tf.Tensor = x;
    for (const layer of layers.slice(0, -1)) h = layer.apply(h) as tf.Tensor;
    return tf.add(tf.matMul(h as tf.Tensor2D, outKernel as tf.Tensor2D), outBias);
  };
  const crossEntropy = (y: tf.Tensor2D, z: tf.Tensor2D): tf.Scalar =>
    sigmoid ? tf.losses.sigmoidCrossEntropy(y, z) : tf.losses.softmaxCrossEntropy(y, z);
  const objective = (x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar => {
    const ce = crossEntropy(y, logits(x));
    return o.l2 > 0 ? tf.add(ce, tf.mul(o.l2, tf.addN(kernels.map((k) => tf.sum(tf.square(k)))))) : ce;
  };
  /** [cross-entropy, accuracy] of the current weights on `t`. */
  const stats = (t: Tensors): tf.Tensor1D =>
    tf.tidy(() => {
      const z = logits(t.x);
      const right = sigmoid
        ? tf.equal(tf.cast(tf.greater(z, 0), 'float32'), t.y)
        : tf.equal(tf.argMax(z, 1), tf.argMax(t.y, 1));
      return tf.stack([crossEntropy(t.y, z), tf.mean(tf.cast(right, 'float32'))]) as tf.Tensor1D;
    });
  const tr = toTensors(train, o.classes);
  const va = validation && toTensors(validation, o.classes);
  const optimizer = tf.train.adam(o.learningRate);
  const order = Array.from({ length: tr.n }, (_, i) => i);
  const history: TrainMlpEpoch[] = [];
  let best: tf.Tensor[] | undefined;
  let bestLoss = Infinity;
  let bestEpoch = -1;
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      // One epoch: shuffled batches, the summed loss kept as a tensor until the epoch's single read-back.
      o.rng.shuffle(order);
      const values = tf.tidy(() => {
        const perm = tf.tensor1d(order, 'int32');
        const xs = tf.gather(tr.x, perm);
        const ys = tf.gather(tr.y, perm);
        let sum: tf.Scalar = tf.scalar(0);
        for (let start = 0; start < tr.n; start += o.batchSize) {
          const size = Math.min(o.batchSize, tr.n - start);
          const xb = tf.slice(xs, [start, 0], [size, -1]);
          const yb = tf.slice(ys, [start, 0], [size, -1]);
          const cost = optimizer.minimize(() => objective(xb, yb), true, variables)!;
          sum = tf.add(sum, tf.mul(cost, size));
        }
        const mean = tf.reshape(tf.div(sum, tr.n), [1]);
        return va ? tf.concat([mean, stats(va)]) : mean;
      });
      const [loss, valLoss, valAccuracy] = values.dataSync();
      values.dispose();
      history.push(
        va ? { epoch, loss: loss!, valLoss: valLoss!, valAccuracy: valAccuracy! } : { epoch, loss: loss! },
      );
      if (!va) continue;
      // Early stopping: snapshot on improvement, stop after `patience` epochs without one.
      if (valLoss! < bestLoss) {
        bestLoss = valLoss!;
        bestEpoch = epoch;
        tf.dispose(best);
        best = variables.map((v) => tf.clone(v));
      } else if (epoch - bestEpoch >= o.patience) break;
    }
    if (best) variables.forEach((v, i) => v.assign(best![i]!));
    const stoppedEpoch = history.length - 1;
    const trainStats = stats(tr);
    const trainAccuracy = trainStats.dataSync()[1]!;
    trainStats.dispose();
    return {
      history,
      bestEpoch: bestEpoch >= 0 ? bestEpoch : stoppedEpoch,
      stoppedEpoch,
      trainAccuracy,
      ...(va && best ? { validationAccuracy: history[bestEpoch]!.valAccuracy! } : {}),
    };
  } finally {
    tf.dispose(best);
    tf.dispose([tr.x, tr.y, ...(va ? [va.x, va.y] : [])]);
    optimizer.dispose();
  }
}
