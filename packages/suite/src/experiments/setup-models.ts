/** The model under study's LayersModel and re-initialized controls, or "not applicable" where a graph model has none. */
import { isLayersImageModel, type ImageModel } from '@openbox/runtime';
import type * as tfl from '@tensorflow/tfjs-layers';
import { controlModels, type ControlModel } from '../controls/control-models.js';
import type { ExperimentContext } from '../experiment.js';
import type { CnnSetup } from './cnn-setup.js';
import { NotApplicableError } from './not-applicable.js';

/**
 * The LayersModel behind `adapter` (the model under study or a control); for a graph model a
 * {@link NotApplicableError} whose reason says the claim reads `what` (e.g. "the first conv layer's kernel"), which
 * only a LayersModel's layer objects give.
 * @example const model = layersModelFor(setup, setup.adapter, "the first conv layer's kernel");
 */
export function layersModelFor(
  setup: Pick<CnnSetup, 'modelLabel' | 'dataLabel'>,
  adapter: ImageModel,
  what: string,
): tfl.LayersModel {
  if (!isLayersImageModel(adapter))
    throw new NotApplicableError(
      setup,
      `This claim reads ${what}, which only a LayersModel (format 'layers-model') exposes; ${setup.modelLabel} is a graph model. Load the Keras/LayersModel version of the model to measure it.`,
    );
  return adapter.model;
}

/**
 * `controlModels` of the model under study (the verdicts' null: the same architecture re-initialized). Where they
 * cannot be built for a graph model, a {@link NotApplicableError} naming why — a verdict without its controls would
 * not be able to fail honestly; any other failure (a LayersModel with an initializer OpenBox cannot draw) rejects.
 * @example const controls = await setupControls(ctx, setup);
 */
export async function setupControls(
  ctx: Pick<ExperimentContext, 'seed'>,
  setup: Pick<CnnSetup, 'adapter' | 'modelLabel' | 'dataLabel'>,
): Promise<readonly ControlModel[]> {
  try {
    return await controlModels(ctx, setup.adapter);
  } catch (error) {
    if (isLayersImageModel(setup.adapter)) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new NotApplicableError(
      setup,
      `The verdict compares against re-initialized copies of the model, which could not be built for the graph model ${setup.modelLabel} (${why}).`,
    );
  }
}
