/** Class optima of a model (one image per class logit and start) and how a classifier — a judge — labels them. */
import * as tf from '@tensorflow/tfjs-core';
import { classLogit, renderUnits, type ImageModel } from '@openbox/cnn-vis';

/** The optima of the 10 class logits of one model, `starts` per class, from one batched `renderUnits` call. */
export interface ClassOptima {
  /** `[10·starts, 28, 28, 1]` row-major; image `i` maximizes the logit of class `targets[i]`. */
  readonly images: Float32Array;
  readonly shape: readonly [number, number, number, number];
  /** Start-major: `targets[s·10 + k] = k` (start s of class k). */
  readonly targets: readonly number[];
  /** How many objectives ended above where they began (reported only: ascent from grey nearly always rises). */
  readonly rose: number;
}

/** How a judge classifies a batch of images meant to be of class `targets[i]`. */
export interface OptimaJudgement {
  /** The judge's argmax class per image. */
  readonly predicted: readonly number[];
  /** The judge's softmax probability of the target class per image. */
  readonly targetProbability: readonly number[];
  /** How many images the judge classifies as their target class. */
  readonly recognized: number;
  /** `recognized / n`. */
  readonly fraction: number;
  /** Mean of `targetProbability`. */
  readonly meanTargetProbability: number;
}

/** Budget of {@link renderClassOptima}. */
export interface ClassOptimaBudget {
  /** Optima per class (different random starts of the same batch). */
  readonly starts: number;
  /** Adam steps of `renderUnits`. */
  readonly steps: number;
  /** `renderUnits`' seed: the starts and the random transforms (give every model the same one). */
  readonly seed: number;
}

/** The class order of {@link ClassOptima.targets}. */
export function classTargets(starts: number): number[] {
  return Array.from({ length: 10 * starts }, (_, i) => i % 10);
}

/**
 * Maximizes each of the 10 class logits (`classLogit`, pre-softmax) of `adapter` from `starts` random starts, all
 * `10·starts` images in one `renderUnits` call (Lucid's defaults: Fourier parameterization in [0, 1], standard
 * transforms, Adam 0.05).
 */
export function renderClassOptima(adapter: ImageModel, budget: ClassOptimaBudget): ClassOptima {
  const targets = classTargets(budget.starts);
  const result = renderUnits(adapter, classLogit(targets), {
    steps: budget.steps,
    seed: budget.seed,
    recordEvery: budget.steps,
  });
  const rose = result.curve.filter((v) => v[v.length - 1]! > v[0]!).length;
  return { images: result.images, shape: result.shape, targets, rose };
}

/**
 * The judge's argmax class and softmax probability of the target class for each image (softmax of `judge.logits`,
 * float32 on the backend; the argmax is of the logits).
 */
export function judgeOptima(
  judge: ImageModel,
  images: Float32Array,
  targets: readonly number[],
): OptimaJudgement {
  const n = targets.length;
  const [logits, probs] = tf.tidy(() => {
    const z = judge.logits(tf.tensor4d(images, [n, ...judge.inputShape]));
    return [Float32Array.from(z.dataSync()), Float32Array.from(tf.softmax(z).dataSync())];
  });
  const classes = logits.length / n;
  const predicted = targets.map((_, i) => {
    const row = logits.subarray(i * classes, (i + 1) * classes);
    return row.indexOf(Math.max(...row));
  });
  const targetProbability = targets.map((k, i) => probs[i * classes + k]!);
  const recognized = predicted.filter((p, i) => p === targets[i]).length;
  return {
    predicted,
    targetProbability,
    recognized,
    fraction: recognized / n,
    meanTargetProbability: targetProbability.reduce((a, b) => a + b, 0) / n,
  };
}
