/** `userLive`: the dashboard's live endpoint on the user's own model and image folder, the model in a worker. */
import { siblingModuleUrl, type ImageModelKind } from '@openbox/runtime';
import { createWorkerLive, type WorkerLive } from './create-worker-live.js';
import { liveMethodsFor } from './live-methods.js';
import { inputValues, type DigitSource, type LiveModelInfo } from './live-types.js';
import type { LiveScale } from './scale-pixels.js';
import type { UserWorkerData } from './user-live-module.js';

/** The user's images at the model's input size, as shown (values in [0, 1], before `scale`). */
export interface LiveImages {
  /** `count · height · width · channels` values in [0, 1], row-major, channels last. */
  readonly pixels: Float32Array;
  readonly count: number;
  /** Each image's class index (a class of the model), when known. */
  readonly labels?: readonly number[];
  /** Each image's file, relative to the folder (`cat/001.png`). */
  readonly files?: readonly string[];
}

/** Options of {@link userLive}. */
export interface UserLiveOptions {
  /** The model's `model.json`; loaded again inside the worker. */
  readonly modelPath: string;
  /** `layers` or `graph`: which live methods it runs (`liveMethodsFor`). */
  readonly kind: ImageModelKind;
  /** The model's input shape and class names (`lrTemplates` is false: no templates are fitted for it). */
  readonly model: LiveModelInfo;
  readonly images: LiveImages;
  /** How the values in [0, 1] become the model's input (the `--scale` the images were read with). */
  readonly scale: LiveScale;
  /** A worker that has not loaded the model after this many ms is terminated. Default 120,000. */
  readonly startTimeoutMs?: number;
}

/**
 * The images as the live endpoint's `DigitSource` (kept on the server thread), each with its label and file.
 * @example liveImageSource(images, [64, 64, 3]).get(0).file // 'cat/001.png'
 */
export function liveImageSource(images: LiveImages, model: LiveModelInfo): DigitSource {
  const size = inputValues(model);
  if (images.pixels.length !== images.count * size)
    throw new Error(
      `userLive: images.pixels holds ${images.pixels.length} values, not ${images.count} × ${size} (${model.inputShape.join('×')})`,
    );
  return {
    count: images.count,
    get: (index) => {
      const label = images.labels?.[index];
      const file = images.files?.[index];
      return {
        pixels: images.pixels.slice(index * size, (index + 1) * size),
        ...(label === undefined ? {} : { label }),
        ...(file === undefined ? {} : { file }),
      };
    },
  };
}

/**
 * Live options for the user's model: a worker thread loads `modelPath` and answers with its probabilities
 * (softmax of the logits, one per class name), per-layer activations and, on request, an attribution by one of
 * `liveMethodsFor(kind)` drawn at the model's input size; the picker's images are `images`. No LR templates:
 * they are fitted to MNIST digits, so the page omits them and says so. Resolves once the worker has loaded the
 * model (rejects with the reason if it cannot); `close()` ends the worker.
 * @example await serveDashboard({ resultsDir, live: await userLive({ modelPath, kind: 'layers', model, images, scale: '0-1' }) });
 */
export async function userLive(options: UserLiveOptions): Promise<WorkerLive> {
  const data: UserWorkerData = { modelPath: options.modelPath, scale: options.scale };
  const model: LiveModelInfo = { ...options.model, lrTemplates: false };
  const live = createWorkerLive({
    module: siblingModuleUrl('./user-live-module', import.meta.url),
    data,
    digits: liveImageSource(options.images, model),
    methods: liveMethodsFor(options.kind),
    model,
    startTimeoutMs: options.startTimeoutMs ?? 120_000,
  });
  await live.ready();
  return live;
}
