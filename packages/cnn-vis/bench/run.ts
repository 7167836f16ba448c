/** `pnpm bench` for @openbox/cnn-vis: activation-maximization steps/s (16 channels at 28×28 and at 128×128 RGB). */
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng, initBackend } from '@openbox/runtime';
import { markdownTable, writeBenchmarkSection } from '../../../bench/benchmarks-md.js';
import { ModelAdapter, channel, loadReferenceCnn, renderUnits } from '../src/index.js';

/** A small seeded RGB conv net for 128×128×3 inputs (untrained: speed does not depend on the weights). */
function smallRgbNet(seed: number): tfl.LayersModel {
  const rng = createRng(seed);
  const init = () => tfl.initializers.glorotUniform({ seed: rng.tfSeed() });
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv2d({
      inputShape: [128, 128, 3],
      filters: 16,
      kernelSize: 5,
      strides: 2,
      activation: 'relu',
      name: 'conv1',
      kernelInitializer: init(),
    }),
  );
  model.add(
    tfl.layers.conv2d({
      filters: 32,
      kernelSize: 3,
      strides: 2,
      activation: 'relu',
      name: 'conv2',
      kernelInitializer: init(),
    }),
  );
  model.add(tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool' }));
  model.add(
    tfl.layers.conv2d({
      filters: 32,
      kernelSize: 3,
      activation: 'relu',
      name: 'conv3',
      kernelInitializer: init(),
    }),
  );
  model.add(tfl.layers.globalAveragePooling2d({ name: 'gap' }));
  model.add(tfl.layers.dense({ units: 10, activation: 'softmax', name: 'probs', kernelInitializer: init() }));
  return model;
}

function measure(
  adapter: ModelAdapter,
  layer: string,
  steps: number,
): { seconds: number; stepsPerSecond: number } {
  const channels = Array.from({ length: 16 }, (_, i) => i);
  renderUnits(adapter, channel(layer, channels), { steps: 4, seed: 0 }); // warm-up
  const started = performance.now();
  renderUnits(adapter, channel(layer, channels), { steps, seed: 0 });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, stepsPerSecond: steps / seconds };
}

const report = await initBackend();
const { model, meta } = await loadReferenceCnn();
const mnist = measure(new ModelAdapter(model), 'conv2', 512);
const rgbSteps = Number(process.env.CNN_VIS_BENCH_RGB_STEPS ?? 32);
const rgb = measure(new ModelAdapter(smallRgbNet(0)), 'conv3', rgbSteps);
const rows = [
  [
    'reference MNIST CNN, layer conv2',
    '16 × 28×28×1',
    512,
    mnist.seconds.toFixed(2),
    mnist.stepsPerSecond.toFixed(1),
    mnist.seconds < 10 ? 'yes (< 10 s)' : 'no (target < 10 s)',
  ],
  [
    'small RGB conv net, layer conv3',
    '16 × 128×128×3',
    rgbSteps,
    rgb.seconds.toFixed(2),
    rgb.stepsPerSecond.toFixed(1),
    '—',
  ],
];
const body = [
  `Backend: ${report.chosen} (tfjs '${tf.getBackend()}'). Reference CNN test accuracy ${meta.testAccuracy}.`,
  'Each step: Lucid-default parameterization (Fourier via real DFT matmuls, sigmoid; colour decorrelation for RGB), the',
  'standard transforms scaled to the input size (pad, jitter, per-image scale and rotation through the differentiable',
  'resampler, jitter), forward + input gradient + Adam, with the objective curve kept on the device.',
  '',
  markdownTable(['model', 'batch', 'steps', 'seconds', 'steps/s', 'target met'], rows),
  '',
  `Load average while measuring: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1/5/15 min) on ${
    (await import('node:os')).cpus().length
  } cores — other engineers share the machine; numbers taken under load understate a quiet machine.`,
  'Per-kernel profile (`tsx --conditions=@openbox/source bench/profile.ts`): the largest single cost per step is the',
  "model's own Conv2DBackpropInput (the input gradient through conv2/conv1, runtime kernels), then the resampler's",
  'shift convolutions, the DFT/scale matmuls and Adam; about 210 kernels per step, so per-op overhead matters too.',
].join('\n');
writeBenchmarkSection(
  'cnn-vis',
  'cnn-vis: activation maximization',
  'npx pnpm@10 --filter @openbox/cnn-vis bench',
  body,
);
console.log(body);
