/**
 * DeepLIFT's backward rules (Shrikumar et al. 2017, rescale rule; Captum's `deep_lift.nonlinear` and `maxpool`), as
 * graph hooks over a batch `[x; x0]` whose first half are inputs and second half their references, and the pair
 * gradients they give. At an elementwise nonlinearity y = f(z) the multiplier is m = (y − y0) / (z − z0), or the
 * plain derivative f′(z) where |z − z0| < eps; max pooling routes max(o, o0) − o0 to the input's argmax and
 * o − max(o, o0) to the reference's, then divides by the input change. Both halves get the same multiplier, and the
 * target is summed over both halves (as Captum does), so the reference half carries its share of the max-pool rule.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  applyActivation,
  type GraphHooks,
  type HookableActivation,
  type MaxPoolConfig,
  type ImageModel,
} from '@openbox/runtime';
import { inChunks } from '../core/input-gradients.js';
import type { ResolvedTarget } from '../core/target.js';
import { targetValues } from '../core/target-values.js';
import { checkHooks } from '../core/check-hooks.js';

/** f′(z) from z and y = f(z), for the elementwise activations (tfjs-layers' constants for selu). */
function derivative(kind: HookableActivation, z: tf.Tensor, y: tf.Tensor): tf.Tensor {
  const positive = tf.cast(tf.greater(z, 0), 'float32');
  switch (kind) {
    case 'relu':
      return positive;
    case 'relu6':
      return tf.mul(positive, tf.cast(tf.less(z, 6), 'float32'));
    case 'sigmoid':
      return tf.mul(y, tf.sub(1, y));
    case 'tanh':
      return tf.sub(1, tf.square(y));
    case 'elu':
      return tf.where(tf.greater(z, 0), tf.onesLike(z), tf.add(y, 1));
    case 'selu': {
      const [scale, alpha] = [1.0507009873554805, 1.6732632423543772];
      return tf.where(tf.greater(z, 0), tf.fill(z.shape, scale), tf.add(y, scale * alpha));
    }
    default:
      return tf.sigmoid(z); // softplus; softmax never reaches here
  }
}

/** Where |Δin| ≥ eps, `numerator / Δin`; elsewhere `fallback`. Both halves of the batch share Δin. */
function rescale(numerator: tf.Tensor, deltaIn: tf.Tensor, fallback: tf.Tensor, eps: number): tf.Tensor {
  const half = tf.less(tf.abs(deltaIn), eps);
  const small = tf.concat([half, half]);
  const safe = tf.where(half, tf.onesLike(deltaIn), deltaIn);
  return tf.where(small, fallback, tf.div(numerator, tf.concat([safe, safe])));
}

const halves = (t: tf.Tensor): [tf.Tensor, tf.Tensor] => tf.split(t, 2) as [tf.Tensor, tf.Tensor];

/** The input gradient of max pooling for `dy` (what unpooling to each window's first argmax gives). */
function unpool(x: tf.Tensor, y: tf.Tensor, dy: tf.Tensor, c: MaxPoolConfig): tf.Tensor {
  const attrs = { filterSize: c.poolSize, strides: c.strides, pad: c.padding };
  return tf.engine().runKernel(tf.MaxPoolGrad, { dy, input: x, output: y }, attrs) as tf.Tensor;
}

/**
 * Hooks that give every elementwise nonlinearity and max pool DeepLIFT's rescale rule. Softmax keeps its plain
 * gradient (it is not elementwise; the default `logits` output never evaluates it).
 * @example const values = targetValues(adapter, tf.concat([x, x0]), owners, targets, rescaleHooks(1e-10));
 */
export function rescaleHooks(eps: number): GraphHooks {
  return {
    activation: (kind, pre) => {
      if (kind === 'softmax') return applyActivation(kind, pre);
      const rule = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
        const [z, save] = args as [tf.Tensor, tf.GradSaveFunc];
        const y = applyActivation(kind, z);
        save([z, y]);
        return {
          value: y,
          gradFunc: (dy: tf.Tensor, [zs, ys]: tf.Tensor[]) => {
            const [z1, z0] = halves(zs!);
            const [y1, y0] = halves(ys!);
            const deltaOut = tf.sub(y1, y0);
            const m = rescale(
              tf.concat([deltaOut, deltaOut]),
              tf.sub(z1, z0),
              derivative(kind, zs!, ys!),
              eps,
            );
            return tf.mul(dy, m);
          },
        };
      });
      return rule(pre);
    },
    maxPool: (x, c) => {
      const rule = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
        const [v, save] = args as [tf.Tensor, tf.GradSaveFunc];
        const y = tf.maxPool(v as tf.Tensor4D, c.poolSize, c.strides, c.padding);
        save([v, y]);
        return {
          value: y,
          gradFunc: (dy: tf.Tensor, [vs, ys]: tf.Tensor[]) => {
            const [x1, x0] = halves(vs!);
            const [o1, o0] = halves(ys!);
            const [g1, g0] = halves(dy);
            const top = tf.maximum(o1, o0);
            const routed = tf.add(
              unpool(x1, o1, tf.mul(g1, tf.sub(top, o0)), c),
              unpool(x0, o0, tf.mul(g0, tf.sub(o1, top)), c),
            );
            const plain = unpool(vs!, ys!, dy, c);
            return rescale(tf.concat([routed, routed]), tf.sub(x1, x0), plain, eps);
          },
        };
      });
      return rule(x);
    },
  };
}

/** DeepLIFT multipliers of `x` against `x0` (same shape), and the target values at both. */
export interface PairGradients {
  readonly multipliers: tf.Tensor;
  readonly values: tf.Tensor1D;
  readonly baselineValues: tf.Tensor1D;
}

/**
 * The multipliers ∂^DL f / ∂x for each row pair (x_r, x0_r), in chunks of at most ⌈batchSize / 2⌉ pairs (each pair
 * is two rows of one pass).
 * @example const { multipliers } = pairGradients(adapter, x, x0, tiledOwners(n, 1), targets, 1e-10, 64);
 */
export function pairGradients(
  adapter: ImageModel,
  x: tf.Tensor,
  x0: tf.Tensor,
  owners: Int32Array,
  targets: readonly ResolvedTarget[],
  eps: number,
  batchSize: number,
): PairGradients {
  const hooks = rescaleHooks(eps);
  checkHooks(adapter, targets, hooks);
  const rows = x.shape[0]!;
  const pairs = Math.max(1, Math.floor(batchSize / 2));
  const [multipliers, values, baselineValues] = inChunks(rows, pairs, (start, end) =>
    tf.tidy(() => {
      const k = end - start;
      const [xs, bs] = k === rows ? [x, x0] : [tf.slice(x, start, k), tf.slice(x0, start, k)];
      const own = owners.subarray(start, end);
      const both = Int32Array.from([...own, ...own]);
      let kept: tf.Tensor1D | undefined;
      const grad = tf.grad((v: tf.Tensor) => {
        const f = targetValues(adapter, tf.concat([v, bs]), both, targets, hooks);
        kept = tf.keep(f);
        return tf.sum(f);
      })(xs);
      const [fx, f0] = tf.split(kept!, 2);
      kept!.dispose();
      return [grad, fx!, f0!] as const;
    }),
  );
  return { multipliers, values: values as tf.Tensor1D, baselineValues: baselineValues as tf.Tensor1D };
}
