/** The page's computation, start to end: filters, predictions, activation maximization, attributions. No DOM. */
import * as tf from '@tensorflow/tfjs-core';
import { integratedGradients, saliency } from '@openbox/attribution/browser';
import { channel, firstConvKernels, lucidParam, renderUnits } from '@openbox/cnn-vis/browser';
import type { FirstConvKernels } from '@openbox/cnn-vis/browser';
import { scalePixels } from '@openbox/datasets/browser';
import type { ImageScale } from '@openbox/datasets/browser';
import type { ImageModel } from '@openbox/runtime/browser';
import type { OwnModelAttribution, OwnModelFilters, OwnModelResults } from '../own-model-results.js';
import type { ImageBatch } from './read-image-files.js';
import type { RunSettings } from './worker-protocol.js';

/** Reports progress: `fraction` of the whole run in [0, 1] and what is being done. */
export type Progress = (fraction: number, label: string) => void;

/** Where each phase ends on the progress bar. */
const PHASE_END = {
  filters: 0.02,
  predict: 0.05,
  actmax: 0.75,
  integratedGradients: 0.95,
  saliency: 1,
} as const;

/** The first convolution's kernels (a LayersModel's first Conv2D, a graph's first Conv2D node), or why there are none. */
function filtersOf(adapter: ImageModel): { filters: OwnModelFilters | null; note: string | null } {
  let k: FirstConvKernels;
  try {
    k = firstConvKernels(adapter, 'own-model page');
  } catch (error) {
    return { filters: null, note: error instanceof Error ? error.message : String(error) };
  }
  const kernel = Array.from(k.kernel);
  return {
    filters: {
      layer: k.layer,
      shape: [...k.shape],
      kernel,
      min: Math.min(...kernel),
      max: Math.max(...kernel),
      absSum: kernel.reduce((s, v) => s + Math.abs(v), 0),
    },
    note: null,
  };
}

/** The value range of `[0, 255]` under `scale` (over every channel): the range the actmax images live in. */
export function scaledRange(scale: ImageScale, channels: 1 | 3): readonly [number, number] {
  const ends = scalePixels(
    Float32Array.from({ length: 2 * channels }, (_, i) => (i < channels ? 0 : 255)),
    channels,
    scale,
  );
  return [Math.min(...ends), Math.max(...ends)];
}

/**
 * Runs everything on `adapter` for `batch`:
 * 1. the first layer's filters (read from the weights);
 * 2. predicted class (argmax of the logits) and its logit per image;
 * 3. activation maximization of channels 0 … n − 1 of `settings.layer` (`renderUnits` with `channel`, seeded,
 *    `settings.steps` steps, Lucid's Fourier + decorrelated parameterization in the scaled range of [0, 255]);
 * 4. integrated gradients (`settings.igSteps` points, zero baseline) and saliency (|∂logit/∂x|) of every image for
 *    its predicted class.
 * Every tensor is disposed before it returns (also when it throws).
 * @example const results = computeResults(adapter, batch, settings, backend, (f, label) => bar.value = f);
 */
export function computeResults(
  adapter: ImageModel,
  batch: ImageBatch,
  settings: RunSettings,
  backend: OwnModelResults['backend'],
  progress: Progress,
): OwnModelResults {
  const timings: Record<string, number> = {};
  const timed = <T>(phase: keyof typeof PHASE_END, fn: () => T): T => {
    const start = performance.now();
    const out = fn();
    timings[phase] = performance.now() - start;
    progress(PHASE_END[phase], phase);
    return out;
  };
  const c = adapter.inputShape[2] as 1 | 3;
  // 1. Filters.
  const { filters, note: filtersNote } = timed('filters', () => filtersOf(adapter));
  const inputs = tf.tensor4d(batch.data, [...batch.shape]);
  try {
    // 2. Predictions.
    const { predicted, scores } = timed('predict', () => {
      const classes = adapter.predictClasses(inputs);
      const logits = tf.tidy(() => adapter.logits(inputs));
      const values = logits.arraySync();
      logits.dispose();
      return { predicted: Array.from(classes), scores: values.map((row, i) => row[classes[i]!]!) };
    });
    // 3. Activation maximization.
    const layer = adapter.layer(settings.layer, 'own-model page');
    const channels = Array.from({ length: Math.min(settings.channels, layer.channels) }, (_, i) => i);
    const actmax = timed('actmax', () => {
      const range = scaledRange(settings.scale, c);
      const span = PHASE_END.actmax - PHASE_END.predict;
      const r = renderUnits(adapter, channel(settings.layer, channels), {
        steps: settings.steps,
        seed: settings.seed,
        param: lucidParam({ range }),
        progressEvery: Math.max(1, Math.ceil(settings.steps / 50)),
        onProgress: (p) => progress(PHASE_END.predict + (span * p.step) / p.steps, `actmax step ${p.step}`),
      });
      return {
        layer: settings.layer,
        channels,
        steps: r.steps,
        seed: r.seed,
        curveSteps: [...r.curveSteps],
        curve: r.curve.map((c) => Array.from(c)),
        finalValues: Array.from(r.finalValues),
        shape: [...r.shape],
        images: Array.from(r.images),
      };
    });
    // 4. Attributions for the predicted class.
    const attribute = (
      method: typeof integratedGradients | typeof saliency,
      options: object,
    ): OwnModelAttribution => {
      const result = method.attribute(adapter, inputs, { targets: predicted, ...options });
      try {
        return {
          method: method.name,
          shape: [...result.attributions.shape],
          values: Array.from(result.attributions.dataSync()),
        };
      } finally {
        tf.dispose(
          [result.attributions, result.delta, result.layerAttributions].filter((t) => t !== undefined),
        );
      }
    };
    const ig = timed('integratedGradients', () =>
      attribute(integratedGradients, { steps: settings.igSteps }),
    );
    const sal = timed('saliency', () => attribute(saliency, {}));
    return {
      backend,
      model: { kind: adapter.kind, inputShape: [...adapter.inputShape], layers: adapter.layers().length },
      scale: settings.scale,
      filters,
      filtersNote,
      actmax,
      images: batch.files.map((file, i) => ({ file, predicted: predicted[i]!, score: scores[i]! })),
      inputs: Array.from(batch.data),
      integratedGradientsSteps: settings.igSteps,
      attributions: [ig, sal],
      timings,
    };
  } finally {
    inputs.dispose();
  }
}
