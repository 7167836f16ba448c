/** `checkMethodRuns`: refuses, before any work, a method that needs a LayersModel when the model is a graph model. */
import { METHOD_NAMES } from '@openbox/attribution';
import { LAYERS_MODEL_ONLY_METHODS } from '@openbox/dashboard';
import type { ImageModel } from '@openbox/runtime';
import { escapeForMessage } from '@openbox/safe-io';
import { UsageError } from '../errors.js';
import { ATTRIBUTE_MESSAGES } from './attribute-messages.js';

/** The registered methods a graph model runs: all but those that rewrite a LayersModel's backward rules. */
export const GRAPH_MODEL_METHODS: readonly string[] = METHOD_NAMES.filter(
  (m) => !LAYERS_MODEL_ONLY_METHODS.includes(m),
);

/**
 * Throws a usage error naming the method, the model and the methods that would run, when `method` is one of
 * `LAYERS_MODEL_ONLY_METHODS` (guided backprop, deconvolution, DeepLIFT, DeepLIFT-SHAP) and `adapter` wraps a
 * GraphModel — so tfjs never fails deep inside with a message about a layer it cannot find.
 * @example checkMethodRuns('deeplift', graphAdapter, 'model.json') // throws: --method deeplift needs a LayersModel …
 */
export function checkMethodRuns(method: string, adapter: ImageModel, modelName: string): void {
  if (adapter.kind === 'graph' && LAYERS_MODEL_ONLY_METHODS.includes(method))
    throw new UsageError(
      'invalid-value',
      ATTRIBUTE_MESSAGES.needsLayersModel(method, escapeForMessage(modelName), GRAPH_MODEL_METHODS),
      'method',
    );
}
