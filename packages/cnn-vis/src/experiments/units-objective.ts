/** One objective for a batch of several units of one layer, each unit repeated for `repeat` consecutive items. */
import { LOGITS_LAYER } from '@openbox/runtime';
import { channel } from '../objectives/channel.js';
import { classLogit } from '../objectives/class-logit.js';
import type { Objective } from '../objectives/objective.js';
import type { Unit } from './unit.js';

/**
 * `classLogit` or `channel` with one unit per batch item: items k·repeat … (k + 1)·repeat − 1 maximize `units[k]`.
 * The units must be channels (no `x`/`y`) of one layer, so that one objective evaluates them all.
 * @example unitsObjective('unimodality', [{ layer: 'logits', channel: 3 }, { layer: 'logits', channel: 5 }], 4) // 8 items
 */
export function unitsObjective(fn: string, units: readonly Unit[], repeat: number): Objective {
  const layer = units[0]?.layer;
  if (layer === undefined) throw new Error(`${fn}: units is empty; pass at least one unit.`);
  for (const u of units) {
    if (u.layer !== layer)
      throw new Error(`${fn}: every unit must be in layer '${layer}', got '${u.layer}:${u.channel}'.`);
    if (u.x !== undefined || u.y !== undefined)
      throw new Error(`${fn}: units must be whole channels, got a neuron of '${u.layer}:${u.channel}'.`);
  }
  const perItem = units.flatMap((u) => Array.from({ length: repeat }, () => u.channel));
  return layer === LOGITS_LAYER ? classLogit(perItem) : channel(layer, perItem);
}
