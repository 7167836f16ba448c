import { describe, expect, it } from 'vitest';
import { planRender, type PlanInput } from './render-plan.js';

const BASE: PlanInput = {
  kind: 'channel',
  layer: 'c1',
  channels: [],
  position: undefined,
  vector: undefined,
  diversity: 0,
  diversityLayer: 'c1',
  regularizers: { l1: 0, l2: 0, tv: 0, blur: 0 },
  batch: undefined,
  seed: 5,
};
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const shape = (input: Partial<PlanInput>) =>
  planRender({ ...BASE, ...input }).jobs.map((j) => ({
    label: j.label,
    objective: j.objective.name,
    batch: j.batchSize,
    seed: j.seed,
    items: j.items.map((i) => `${i.unit}#${i.image}`).join(' '),
  }));

describe('planRender', () => {
  it('20 channels: jobs of 16 then 4 (seed + first index), one image each', () => {
    expect(shape({ channels: range(20) }).map(({ label, batch, seed }) => [label, batch, seed])).toEqual([
      ['channels 0-15', 16, 5],
      ['channels 16-19', 4, 21],
    ]);
  });

  it('--batch 3: units per job', () => {
    expect(shape({ channels: range(7), batch: 3 }).map((j) => j.label)).toEqual([
      'channels 0-2',
      'channels 3-5',
      'channels 6',
    ]);
  });

  it('diversity: one job per channel with 4 images (default), the term added with its weight', () => {
    expect(shape({ channels: [2, 5], diversity: 0.5, diversityLayer: 'c0' })).toEqual([
      {
        label: 'channel 2',
        objective: 'channel(c1:2) + 0.5·diversity(c0)',
        batch: 4,
        seed: 5,
        items: 'channel 2#0 channel 2#1 channel 2#2 channel 2#3',
      },
      {
        label: 'channel 5',
        objective: 'channel(c1:5) + 0.5·diversity(c0)',
        batch: 4,
        seed: 6,
        items: 'channel 5#0 channel 5#1 channel 5#2 channel 5#3',
      },
    ]);
  });

  it('penalties are subtracted in the order l1, l2, tv, blur; zero weights left out', () => {
    expect(shape({ channels: [0], regularizers: { l1: 0.1, l2: 0, tv: 2, blur: 0.5 } })[0]!.objective).toBe(
      'channel(c1:0) + -0.1·l1 + -2·totalVariation + -0.5·blur',
    );
  });

  it('logit: classes; layer and direction: one job of --batch images', () => {
    expect(shape({ kind: 'logit', layer: 'logits', channels: [3, 4] })[0]).toMatchObject({
      label: 'classes 3-4',
      objective: 'classLogit(3,4)',
      items: 'class 3#0 class 4#0',
    });
    expect(shape({ kind: 'layer', batch: 2 })).toEqual([
      {
        label: 'the whole layer (DeepDream)',
        objective: 'deepDream(c1)',
        batch: 2,
        seed: 5,
        items: 'layer#0 layer#1',
      },
    ]);
    expect(shape({ kind: 'direction', vector: [1, 0] })[0]).toMatchObject({
      objective: 'direction(c1)',
      batch: 1,
    });
    expect(shape({ kind: 'layer', diversity: 1 })[0]!.batch).toBe(4);
  });

  it('neuron at a position', () => {
    expect(shape({ kind: 'neuron', channels: [1], position: { x: 2, y: 3 } })[0]!.objective).toBe(
      'neuron(c1:1@x=2, y=3)',
    );
  });
});
