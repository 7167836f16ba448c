/** The attribution methods the live page offers: those registered in `@openbox/attribution` with settings cheap enough to run per request. */
import { METHOD_NAMES, METHODS } from '@openbox/attribution';
import type { LayersModel } from '@tensorflow/tfjs-layers';

/** Per-method options for one 28×28 digit, given the CNN (Grad-CAM needs a layer). */
type LiveSettings = (cnn: LayersModel) => Readonly<Record<string, unknown>>;

/** The last layer with a spatial (4-D) output: Grad-CAM's layer, as in Selvaraju et al. (the last conv block). */
export function lastSpatialLayer(cnn: LayersModel): string {
  const spatial = cnn.layers.filter((l) => (l.outputShape as readonly unknown[]).length === 4);
  const last = spatial[spatial.length - 1];
  if (last === undefined) throw new Error(`lastSpatialLayer: the model has no layer with a 4-D output`);
  return last.name;
}

/**
 * The live settings, keyed by the registry's names (a name not registered yet is skipped): few steps, samples
 * and windows so one digit takes milliseconds to a few hundred ms on the reference CNN on the cpu backend.
 * Stochastic methods get a fixed seed, so the same request draws the same map. Methods missing here (e.g. the
 * sampling Shapley methods) are too slow to run per request and are not offered.
 */
export const LIVE_METHOD_SETTINGS: Readonly<Record<string, LiveSettings>> = {
  saliency: () => ({}),
  'input-x-gradient': () => ({}),
  'integrated-gradients': () => ({ steps: 16 }),
  smoothgrad: () => ({ samples: 8, seed: 0 }),
  'guided-backprop': () => ({}),
  deeplift: () => ({}),
  gradcam: (cnn) => ({ layer: lastSpatialLayer(cnn) }),
  occlusion: () => ({ window: 4, stride: 4 }),
};

/** Registered methods with live settings, in the registry's order (the page's select lists these). */
export const LIVE_METHODS: readonly string[] = METHOD_NAMES.filter(
  (name) => Object.hasOwn(LIVE_METHOD_SETTINGS, name) && Object.hasOwn(METHODS, name),
);

/** One line describing the method, from the registry (the select's tooltip). */
export function liveMethodDescription(name: string): string {
  return (
    (METHODS as Readonly<Record<string, { info: { description: string } } | undefined>>)[name]?.info
      .description ?? name
  );
}
