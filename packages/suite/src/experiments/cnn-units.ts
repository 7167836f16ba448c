/** The deep units the unimodality and mode-vs-typical experiments study: a class logit and channels of the last conv. */
import { LOGITS_LAYER, type Unit } from '@openbox/cnn-vis';
import type { CnnSetup } from './cnn-setup.js';

/**
 * A class logit (digit 3), and channels 0 and 1 of the last conv layer (fewer when `quick`), taken before their ReLU
 * (`<layer>:pre`, Lucid's `_pre_relu`): a ReLU channel that is 0 on the starting image has no gradient and never moves.
 */
export function deepUnits(setup: Pick<CnnSetup, 'convLayers'>, quick: boolean): Unit[] {
  const last = setup.convLayers[setup.convLayers.length - 1]!;
  const units: Unit[] = [
    { layer: LOGITS_LAYER, channel: 3 },
    { layer: `${last.name}:pre`, channel: 0 },
  ];
  if (!quick && last.channels > 1) units.push({ layer: `${last.name}:pre`, channel: 1 });
  return units;
}

/** `logits:3`, `conv2:0`. */
export function unitLabel(unit: Unit): string {
  return `${unit.layer}:${unit.channel}`;
}
