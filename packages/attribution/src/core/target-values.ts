/**
 * The value being explained, for every row of a batch: row r belongs to input `owners[r]` and takes that input's
 * target. Each layer is computed once for the whole batch (one forward pass), and selection is a one-hot product, so
 * the gradient of the sum with respect to the batch is each row's own gradient (rows do not interact at inference).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphHooks, ImageModel } from '@openbox/runtime';
import type { ResolvedTarget } from './target.js';

interface Group {
  readonly layer: string;
  readonly kind: ResolvedTarget['kind'];
  readonly size: number;
}

const groupKey = (t: ResolvedTarget): string => `${t.kind}\u0000${t.layer}`;

/**
 * `[rows]` target values of `x` (`[rows, ...input]`); with `hooks` the graph runs through `ImageModel.execute`
 * (modified backward rules or replaced layer outputs), else through the compiled sub-model.
 * @example const v = targetValues(adapter, images, Int32Array.from([0, 1]), resolveTargets(adapter, [3, 7], 2, 'logits', 'f'));
 */
export function targetValues(
  adapter: ImageModel,
  x: tf.Tensor,
  owners: Int32Array,
  targets: readonly ResolvedTarget[],
  hooks?: GraphHooks,
): tf.Tensor1D {
  const groups = new Map<string, Group>();
  for (const t of targets) groups.set(groupKey(t), { layer: t.layer, kind: t.kind, size: t.size });
  const layers = [...new Set([...groups.values()].map((g) => g.layer))];
  return tf.tidy(() => {
    const acts =
      hooks === undefined ? adapter.activations(x as tf.Tensor4D, layers) : adapter.execute(x, layers, hooks);
    let total: tf.Tensor | undefined;
    for (const [key, g] of groups) {
      const index = new Int32Array(owners.length);
      const member = new Float32Array(owners.length);
      owners.forEach((o, r) => {
        const t = targets[o]!;
        if (groupKey(t) === key) [index[r], member[r]] = [t.index, 1];
      });
      const act = acts[g.layer]!;
      const flat = g.kind === 'channel' ? tf.mean(act, [1, 2]) : tf.reshape(act, [owners.length, g.size]);
      // tf.oneHot needs depth >= 2; a one-unit output (a regression or single-logit head) is its own target.
      const picked =
        g.size === 1
          ? tf.reshape(flat, [owners.length])
          : tf.sum(tf.mul(flat, tf.oneHot(tf.tensor1d(index, 'int32'), g.size)), 1);
      const part = tf.mul(picked, tf.tensor1d(member));
      total = total === undefined ? part : tf.add(total, part);
    }
    return total as tf.Tensor1D;
  });
}
