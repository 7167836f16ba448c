/** The attribution methods the live page offers: those registered in `@openbox/attribution` with settings cheap enough to run per request. */
import { METHOD_NAMES, METHODS } from '@openbox/attribution';
import type { ImageModel, ImageModelKind } from '@openbox/runtime';

/** Per-method options for one image, given the model (Grad-CAM needs a layer). */
type LiveSettings = (model: ImageModel) => Readonly<Record<string, unknown>>;

/** The last layer with a spatial (4-D) output: Grad-CAM's layer, as in Selvaraju et al. (the last conv block). */
export function lastSpatialLayer(model: ImageModel): string {
  const spatial = model.layers().filter((l) => l.outputShape.length === 4);
  const last = spatial[spatial.length - 1];
  if (last === undefined) throw new Error(`lastSpatialLayer: the model has no layer with a 4-D output`);
  return last.name;
}

/**
 * The live settings, keyed by the registry's names (a name not registered yet is skipped): few steps, samples
 * and windows so one image takes milliseconds to a few hundred ms on the reference CNN on the cpu backend.
 * Stochastic methods get a fixed seed, so the same request draws the same map. Methods missing here (e.g. the
 * sampling Shapley methods) are too slow to run per request and are not offered. Occlusion's window is about
 * 1/7 of the image side (4 px on a 28-px digit, 9 on 64 px).
 */
export const LIVE_METHOD_SETTINGS: Readonly<Record<string, LiveSettings>> = {
  saliency: () => ({}),
  'input-x-gradient': () => ({}),
  'integrated-gradients': () => ({ steps: 16 }),
  smoothgrad: () => ({ samples: 8, seed: 0 }),
  'guided-backprop': () => ({}),
  deeplift: () => ({}),
  gradcam: (model) => ({ layer: lastSpatialLayer(model) }),
  occlusion: (model) => {
    const side = Math.max(1, Math.round(Math.min(model.inputShape[0], model.inputShape[1]) / 7));
    return { window: side, stride: side };
  },
};

/**
 * Methods that swap a LayersModel's backward rules per activation (ReLU rules of guided backpropagation, the
 * DeepLIFT multipliers): a graph model has no layer objects to rewrite, so they run on LayersModels only.
 */
export const LAYERS_MODEL_ONLY_METHODS: readonly string[] = [
  'guided-backprop',
  'deconvolution',
  'deeplift',
  'deeplift-shap',
];

/** Registered methods with live settings, in the registry's order (the page's select lists these). */
export const LIVE_METHODS: readonly string[] = METHOD_NAMES.filter(
  (name) => Object.hasOwn(LIVE_METHOD_SETTINGS, name) && Object.hasOwn(METHODS, name),
);

/**
 * The live methods a model of `kind` runs: all of {@link LIVE_METHODS} for a LayersModel, those without
 * per-layer backward rules for a graph model.
 * @example liveMethodsFor('graph') // ['saliency', 'input-x-gradient', …, 'gradcam', 'occlusion']
 */
export function liveMethodsFor(kind: ImageModelKind): readonly string[] {
  return kind === 'layers'
    ? LIVE_METHODS
    : LIVE_METHODS.filter((m) => !LAYERS_MODEL_ONLY_METHODS.includes(m));
}

/** One line describing the method, from the registry (the select's tooltip). */
export function liveMethodDescription(name: string): string {
  return (
    (METHODS as Readonly<Record<string, { info: { description: string } } | undefined>>)[name]?.info
      .description ?? name
  );
}
