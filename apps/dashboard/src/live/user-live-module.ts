/** The user's live model as a worker module (`createWorkerLive`): a model.json of theirs, loaded in the worker. */
import { initBackend, loadImageModel } from '@openbox/runtime';
import { createImageLiveFunction } from './create-image-live-function.js';
import type { LiveFunction } from './live-types.js';
import type { LiveScale } from './scale-pixels.js';

/** What `userLive` passes to the worker (structured-cloned). */
export interface UserWorkerData {
  /** The model's `model.json` (a LayersModel or a GraphModel). */
  readonly modelPath: string;
  /** How the image's values in [0, 1] become the model's input. */
  readonly scale: LiveScale;
}

/**
 * `LiveModelModule.loadLiveFunction` of the user's model, run inside the worker: initializes the best backend
 * there, loads the model (`loadImageModel`: layers or graph, kept for the worker's life) and answers with
 * `createImageLiveFunction`.
 */
export async function loadLiveFunction(data: unknown): Promise<LiveFunction> {
  const { modelPath, scale } = data as UserWorkerData;
  await initBackend();
  const adapter = await loadImageModel(modelPath);
  return createImageLiveFunction(adapter, { scale });
}
