/** The deep units the unimodality and mode-vs-typical experiments study: a class logit and channels of the last conv. */
import { LOGITS_LAYER, type Unit } from '@openbox/cnn-vis';
import type { ImageModel } from '@openbox/runtime';
import type { CnnSetup } from './cnn-setup.js';

/**
 * A class logit (class 3 — digit 3 on MNIST — or the last class of a model with fewer), and channels 0 and 1 of the
 * last conv layer (fewer when `quick`), taken before their ReLU (`<layer>:pre`, Lucid's `_pre_relu`): a ReLU channel
 * that is 0 on the starting image has no gradient and never moves. With `setup.adapter` a graph model's conv node is
 * taken as it is (a graph has no `:pre` view), and the class count comes from its last layer.
 */
export function deepUnits(
  setup: Pick<CnnSetup, 'convLayers'> & { readonly adapter?: ImageModel },
  quick: boolean,
): Unit[] {
  const last = setup.convLayers[setup.convLayers.length - 1]!;
  const classes = setup.adapter?.layers().at(-1)?.channels ?? 10;
  // A graph node's output is already its pre-activation or its activation: only a LayersModel has `:pre`.
  const conv =
    setup.adapter === undefined || setup.adapter.kind === 'layers' ? `${last.name}:pre` : last.name;
  const units: Unit[] = [
    { layer: LOGITS_LAYER, channel: Math.min(3, classes - 1) },
    { layer: conv, channel: 0 },
  ];
  if (!quick && last.channels > 1) units.push({ layer: conv, channel: 1 });
  return units;
}

/** `logits:3`, `conv2:0`. */
export function unitLabel(unit: Unit): string {
  return `${unit.layer}:${unit.channel}`;
}
