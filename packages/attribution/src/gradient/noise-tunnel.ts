/**
 * Noise tunnel (Captum's `NoiseTunnel`) over any attribution method A: attribute N noisy copies x + ε, ε ~ N(0, σ²),
 * and reduce them per input — SmoothGrad (Smilkov et al. 2017) the mean (1/N) Σ A(x + ε_k), SmoothGrad² the mean of
 * squares (1/N) Σ A(x + ε_k)², VarGrad (Adebayo et al. 2018) the variance E[A²] − E[A]² (population, as Captum).
 * Differences from Captum, on purpose: `samples` defaults to 10 (Captum's `nt_samples` is 5; Smilkov et al. use
 * 50), and σ defaults to 0.15 × (max − min) of each input, Smilkov et al.'s 15% noise level (Captum's `stdevs` is an
 * absolute 1.0, which swamps [0, 1] images); the delta is the per-input mean of the base method's deltas over the
 * noisy copies (what Captum's docstring states; its code returns all n × N of them).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@openbox/runtime';
import type { AttributionMethod, AttributionResult, CommonOptions } from '../core/method.js';
import { checkPositiveInteger, checkSeed, prepare, type ModelLike } from '../core/prepare.js';
import type { Target } from '../core/target.js';
import { MESSAGES } from '../messages.js';
import { saliency, type SaliencyOptions } from './saliency.js';

export const NOISE_TUNNEL_TYPES = ['smoothgrad', 'smoothgrad-sq', 'vargrad'] as const;
export type NoiseTunnelType = (typeof NOISE_TUNNEL_TYPES)[number];

const TUNNEL_DESCRIPTIONS: Record<NoiseTunnelType, string> = {
  smoothgrad: 'Mean',
  'smoothgrad-sq': 'Mean of the squares',
  vargrad: 'Variance',
};

/** Options of a noise tunnel (the wrapped method's own options pass through to it). */
export interface NoiseTunnelOptions {
  /** Noisy copies N per input. Default 10. */
  readonly samples?: number;
  /** σ of the Gaussian noise, the same for every input. Default 0.15 × (max − min) of each input separately. */
  readonly noiseSd?: number;
  /** Seed of the noise (and of a stochastic wrapped method). Default 0. */
  readonly seed?: number;
  /** Noisy copies per call of the wrapped method (each call is one tiled batch of that many × n rows). Default N. */
  readonly samplesBatchSize?: number;
  /** Wrap this method instead of the one the tunnel was built over (its flags stay the built-over method's). */
  readonly base?: AttributionMethod;
}

/** A stacked per-input value `[s·n, ...]` (sample-major) summed over its s samples: `[n, ...]`. */
const sumSamples = (t: tf.Tensor, s: number, n: number): tf.Tensor =>
  tf.sum(tf.reshape(t, [s, n, ...t.shape.slice(1)]), 0);

/**
 * The tunnel of `type` over `method`, named `name`.
 * @example const sg = noiseTunnel(integratedGradients, 'smoothgrad'); sg.attribute(model, x, { targets: 3, samples: 20 });
 */
export function noiseTunnel<O extends object>(
  method: AttributionMethod<O>,
  type: NoiseTunnelType,
  name = `${type}(${method.name})`,
): AttributionMethod<O & NoiseTunnelOptions> {
  if (!(NOISE_TUNNEL_TYPES as readonly string[]).includes(type))
    throw new Error(MESSAGES.unknownName('noiseTunnel', 'type', type, NOISE_TUNNEL_TYPES));
  const attribute = (
    model: ModelLike,
    inputs: tf.Tensor,
    options: CommonOptions & O & NoiseTunnelOptions,
  ) => {
    // 1. Check the common options and the tunnel's own, then resolve the defaults once.
    const { samples: givenSamples, noiseSd, seed = 0, samplesBatchSize, base, ...passed } = options;
    const { n } = prepare(name, model, inputs, options);
    const samples = checkPositiveInteger(name, 'options.samples', givenSamples ?? 10);
    const perCall = Math.min(
      samples,
      checkPositiveInteger(name, 'options.samplesBatchSize', samplesBatchSize ?? samples),
    );
    if (noiseSd !== undefined && !(Number.isFinite(noiseSd) && noiseSd >= 0))
      throw new Error(MESSAGES.nonNegative(name, 'options.noiseSd', noiseSd));
    checkSeed(name, seed);
    const inner = (base ?? method) as AttributionMethod<object>;
    const rng = createRng(seed);
    const unit = inputs.shape.slice(1).map(() => 1);
    // 2. All N × n noise draws at once (input-sized, sample-major rows k·n + i), so chunking does not change them.
    const kept = tf.tidy(() => {
      const sigma =
        noiseSd !== undefined
          ? tf.fill([n, ...unit], noiseSd)
          : tf.mul(
              0.15,
              tf.sub(
                tf.max(
                  inputs,
                  unit.map((_, a) => a + 1),
                  true,
                ),
                tf.min(
                  inputs,
                  unit.map((_, a) => a + 1),
                  true,
                ),
              ),
            );
      const noise = tf.randomNormal([samples * n, ...inputs.shape.slice(1)], 0, 1, 'float32', rng.tfSeed());
      let [sum, sumSq, sumDelta]: (tf.Tensor | undefined)[] = [];
      // 3. Attribute one tiled batch of noisy copies per call, and fold its samples into the running sums.
      for (let first = 0; first < samples; first += perCall) {
        const s = Math.min(perCall, samples - first);
        const noisy = tf.add(
          tf.tile(inputs, [s, ...unit]),
          tf.mul(tf.tile(sigma, [s, ...unit]), tf.slice(noise, first * n, s * n)),
        );
        const targets = Array.isArray(options.targets)
          ? Array.from({ length: s }, () => options.targets as readonly Target[]).flat()
          : options.targets;
        const b = (passed as { baselines?: unknown }).baselines;
        const baselines = b instanceof tf.Tensor && n > 1 && b.shape[0] === n ? tf.tile(b, [s, ...unit]) : b;
        const out = inner.attribute(model, noisy, {
          ...passed,
          targets,
          baselines,
          seed: rng.tfSeed(),
        } as never);
        const a = out.attributions;
        const parts = [sumSamples(a, s, n), sumSamples(tf.square(a), s, n)] as const;
        [sum, sumSq] = [sum ? tf.add(sum, parts[0]) : parts[0], sumSq ? tf.add(sumSq, parts[1]) : parts[1]];
        if (out.delta !== undefined) {
          const d = sumSamples(out.delta, s, n);
          sumDelta = sumDelta ? tf.add(sumDelta, d) : d;
        }
        out.layerAttributions?.dispose();
      }
      // 4. Reduce: the mean, the mean of squares, or their difference (the variance).
      const mean = tf.div(sum!, samples);
      const meanSq = tf.div(sumSq!, samples);
      const reduced = { smoothgrad: mean, 'smoothgrad-sq': meanSq, vargrad: tf.sub(meanSq, tf.square(mean)) }[
        type
      ];
      const result: Record<string, tf.Tensor> = { attributions: reduced };
      if (sumDelta !== undefined) result['delta'] = tf.div(sumDelta, samples);
      return result;
    });
    return kept as unknown as AttributionResult;
  };
  return {
    name,
    info: {
      ...method.info,
      description: `${TUNNEL_DESCRIPTIONS[type]} of ${method.name} over noisy copies x + N(0, σ²) (${type === 'vargrad' ? 'Adebayo et al. 2018' : 'Smilkov et al. 2017'}).`,
      stochastic: true,
    },
    attribute,
  };
}

/**
 * SmoothGrad over saliency: (1/N) Σ ∂f(x + ε_k)/∂x (Smilkov et al. 2017); pass `base` to smooth another method.
 * @example const { attributions } = smoothgrad.attribute(model, digits, { targets: 3, samples: 25, seed: 1 });
 */
export const smoothgrad = noiseTunnel<SaliencyOptions>(saliency, 'smoothgrad', 'smoothgrad');

/**
 * SmoothGrad²: (1/N) Σ (∂f(x + ε_k)/∂x)² (Hooker et al. 2019's SG-SQ).
 * @example const { attributions } = smoothgradSq.attribute(model, digits, { targets: 3 });
 */
export const smoothgradSq = noiseTunnel<SaliencyOptions>(saliency, 'smoothgrad-sq', 'smoothgrad-sq');

/**
 * VarGrad: the variance over noisy copies of ∂f/∂x (Adebayo et al. 2018).
 * @example const { attributions } = varGrad.attribute(model, digits, { targets: 3, noiseSd: 0.1 });
 */
export const varGrad = noiseTunnel<SaliencyOptions>(saliency, 'vargrad', 'vargrad');
