/** Activation maximization per class and per conv layer (Erhan et al. 2009; Olah et al. 2017) on the CNN. */
import * as tf from '@tensorflow/tfjs-core';
import { imageGallery, objectiveCurves } from '@openbox/charts';
import { channel, classLogit, imagesToPng, renderUnits, type RenderResult } from '@openbox/cnn-vis';
import type { ChartEntry } from '../results-format.js';
import type { Experiment, PngArtifact } from '../experiment.js';
import { cnnSetup } from './cnn-setup.js';
import { galleryOf, round4 } from './image-rows.js';

/** Units shown per conv layer (optimized before their ReLU, as Lucid does: a dead ReLU channel has no gradient). */
const CHANNELS_PER_LAYER = 8;

function rose(result: RenderResult): number {
  return result.curve.filter((values) => values[values.length - 1]! > values[0]!).length;
}

function curveSeries(result: RenderResult, label: (b: number) => string) {
  return result.curve.map((values, b) => ({
    unit: label(b),
    steps: [...result.curveSteps],
    values: Array.from(values, round4),
  }));
}

export const activationMaximization: Experiment = {
  id: 'activation-maximization',
  title: 'What each class and each conv channel responds to most',
  claim:
    'Optimizing an input image to maximize a unit finds what the unit looks for: every objective rises, and the image that maximizes a class logit is classified as that class by the net itself.',
  async run(ctx) {
    // 1. Model.
    const { adapter, convLayers } = await cnnSetup(ctx);
    const steps = ctx.quick ? 128 : 512;
    const total = convLayers.length + 1;
    // 2. Per class: the ten logits in one batch.
    ctx.progress(0, total, 'class logits');
    const classes = Array.from({ length: 10 }, (_, k) => k);
    const perClass = renderUnits(adapter, classLogit(classes), {
      steps,
      seed: ctx.rng.tfSeed(),
      recordEvery: 8,
    });
    const predicted = tf.tidy(() =>
      adapter.predictClasses(tf.tensor4d(perClass.images, [...perClass.shape])),
    );
    const recognized = classes.filter((k) => predicted[k] === k).length;
    // 3. Per conv layer: its first channels in one batch.
    const layers: { name: string; result: RenderResult }[] = [];
    for (const [i, layer] of convLayers.entries()) {
      ctx.progress(i + 1, total, layer.name);
      const units = Array.from({ length: Math.min(CHANNELS_PER_LAYER, layer.channels) }, (_, c) => c);
      layers.push({
        name: layer.name,
        result: renderUnits(adapter, channel(`${layer.name}:pre`, units), {
          steps,
          seed: ctx.rng.tfSeed(),
          recordEvery: 8,
        }),
      });
    }
    // 4. Verdict.
    const units = 10 + layers.reduce((a, l) => a + l.result.curve.length, 0);
    const risen = rose(perClass) + layers.reduce((a, l) => a + rose(l.result), 0);
    const holds = risen === units && recognized >= 8;
    const reason = `${risen} of ${units} objectives rose over ${steps} steps; ${recognized} of 10 class visualizations are classified as their class by the CNN (needs ≥ 8).`;
    // 5. Charts and images.
    const charts: ChartEntry[] = [
      {
        id: 'classes',
        title: 'Class logit visualizations',
        spec: imageGallery(
          galleryOf(perClass.images, 10, 28, 28, (k) => `class ${k} → ${predicted[k]}`),
          {
            title: 'argmax of each class logit (label → predicted)',
            columns: 10,
            cellSize: 4,
            scale: 'sequential',
            sharedScale: false,
          },
        ),
      },
      {
        id: 'class-curves',
        title: 'Class logit during optimization',
        spec: objectiveCurves(
          curveSeries(perClass, (k) => `class ${k}`),
          { title: 'class logit', yTitle: 'logit' },
        ),
      },
    ];
    const artifacts: PngArtifact[] = [
      {
        file: 'classes.png',
        title: 'Class logit visualizations',
        png: imagesToPng(perClass.images, perClass.shape, { scale: 4, columns: 10 }),
      },
    ];
    for (const { name, result } of layers) {
      const slug = name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      charts.push(
        {
          id: `${slug}-channels`,
          title: `${name}: channel visualizations`,
          spec: imageGallery(
            galleryOf(result.images, result.curve.length, 28, 28, (c) => `channel ${c}`),
            { title: `${name} channels`, columns: 8, cellSize: 4, scale: 'sequential', sharedScale: false },
          ),
        },
        {
          id: `${slug}-curves`,
          title: `${name}: objective during optimization`,
          spec: objectiveCurves(
            curveSeries(result, (c) => `channel ${c}`),
            { title: `${name} mean activation` },
          ),
        },
      );
      artifacts.push({
        file: `${slug}-channels.png`,
        title: `${name} channel visualizations`,
        png: imagesToPng(result.images, result.shape, { scale: 4, columns: 8 }),
      });
    }
    return {
      metrics: {
        steps,
        objectivesRose: risen,
        objectives: units,
        classesRecognized: recognized,
        meanFinalClassLogit: round4(perClass.finalValues.reduce((a, v) => a + v, 0) / 10),
      },
      verdict: { status: holds ? 'holds' : 'does-not-hold', reason },
      charts,
      artifacts,
    };
  },
};
