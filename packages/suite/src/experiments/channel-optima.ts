/** `renderChannelOptima`: the first channels of every conv layer maximized, one batch per layer — images, no verdict. */
import { channel, renderUnits, type LayerInfo, type ImageModel, type RenderResult } from '@openbox/cnn-vis';
import type { Rng } from '@openbox/runtime';

/** Channels shown per conv layer. */
export const CHANNELS_PER_LAYER = 8;

/** One conv layer's channel optima. */
export interface LayerChannelOptima {
  readonly layer: string;
  /** `layer` in kebab-case, for chart ids and file names. */
  readonly slug: string;
  readonly result: RenderResult;
  /** How many of the objectives ended above where they began (reported only: ascent from grey nearly always rises). */
  readonly rose: number;
}

/** `conv2d_1` → `conv2d-1`. */
export function layerSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The first {@link CHANNELS_PER_LAYER} channels of each conv layer, optimized before their ReLU (as Lucid does: a dead
 * ReLU channel has no gradient), all of a layer in one `renderUnits` call with the next `rng.tfSeed()`.
 */
export function renderChannelOptima(
  adapter: ImageModel,
  convLayers: readonly LayerInfo[],
  steps: number,
  rng: Rng,
  onLayer: (i: number, name: string) => void = () => undefined,
): LayerChannelOptima[] {
  return convLayers.map((layer, i) => {
    onLayer(i, layer.name);
    const units = Array.from({ length: Math.min(CHANNELS_PER_LAYER, layer.channels) }, (_, c) => c);
    const result = renderUnits(adapter, channel(`${layer.name}:pre`, units), {
      steps,
      seed: rng.tfSeed(),
      recordEvery: 8,
    });
    const rose = result.curve.filter((v) => v[v.length - 1]! > v[0]!).length;
    return { layer: layer.name, slug: layerSlug(layer.name), result, rose };
  });
}
