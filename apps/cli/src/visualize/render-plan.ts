/**
 * `planRender`: the resolved visualize options → render jobs, each a cnn-vis objective (unit, plus diversity, minus
 * regularizers, combined with `sum` / `scale`) with its batch size, seed and what each batch item shows.
 */
import {
  LOGITS_LAYER,
  blur,
  channel,
  classLogit,
  deepDream,
  direction,
  diversity,
  l1,
  l2,
  neuron,
  scale,
  sum,
  totalVariation,
  type Objective,
} from '@openbox/cnn-vis';
import { formatRanges } from '../range-list.js';
import type { LayerPosition } from './parse-position.js';
import { DEFAULT_DIVERSE_IMAGES, DEFAULT_UNITS_PER_BATCH, type ObjectiveKind } from './visualize-options.js';

/** Regularizer weights (each ≥ 0; 0 leaves the term out). */
export interface RegularizerWeights {
  readonly l1: number;
  readonly l2: number;
  readonly tv: number;
  readonly blur: number;
}

/** Everything the plan needs, already checked against the model. */
export interface PlanInput {
  readonly kind: ObjectiveKind;
  readonly layer: string;
  /** Channels or classes (per-channel objectives only). */
  readonly channels: readonly number[];
  readonly position: LayerPosition | undefined;
  /** The direction vector (`direction` only). */
  readonly vector: readonly number[] | undefined;
  readonly diversity: number;
  readonly diversityLayer: string;
  readonly regularizers: RegularizerWeights;
  /** `--batch` as given. */
  readonly batch: number | undefined;
  readonly seed: number;
}

/** What one batch item of a job shows. */
export interface JobItem {
  /** `channel 3`, `class 7`, `layer`, `direction`. */
  readonly unit: string;
  /** The channel or class, for per-channel objectives. */
  readonly channel?: number;
  /** Which image of its unit (0 unless several images per unit). */
  readonly image: number;
}

/** One `renderUnits` call. */
export interface RenderJob {
  /** For progress and messages: `channels 0-15`, `channel 3`, `the layer`. */
  readonly label: string;
  /** The whole objective maximized. */
  readonly objective: Objective;
  /** The unit's own objective (no diversity, no penalties), evaluated again on the final images. */
  readonly unitObjective: Objective;
  readonly batchSize: number;
  readonly seed: number;
  readonly items: readonly JobItem[];
}

/** The jobs and the shape of the output grid. */
export interface RenderPlan {
  readonly jobs: readonly RenderJob[];
  /** Images per unit: N with diversity or for whole-layer objectives, else 1. */
  readonly imagesPerUnit: number;
}

/** The per-channel objectives' unit objective for a list (one per item) or one channel (every item). */
function unitObjective(input: PlanInput, units: number | readonly number[]): Objective {
  switch (input.kind) {
    case 'channel':
      return channel(input.layer, units);
    case 'neuron':
      return neuron(input.layer, units, input.position ?? {});
    case 'logit':
      return classLogit(units);
    case 'layer':
      return deepDream(input.layer);
    case 'direction':
      return direction(input.layer, input.vector ?? []);
  }
}

/** `unit + w_div·diversity(layer) − w1·l1 − w2·l2 − w_tv·tv − w_blur·blur`, leaving out zero weights. */
export function fullObjective(unit: Objective, input: PlanInput): Objective {
  const { regularizers: r } = input;
  const parts: Objective[] = [unit];
  if (input.diversity > 0) parts.push(scale(input.diversity, diversity(input.diversityLayer)));
  const penalties: [number, () => Objective][] = [
    [r.l1, () => l1()],
    [r.l2, () => l2()],
    [r.tv, () => totalVariation()],
    [r.blur, () => blur()],
  ];
  for (const [w, make] of penalties) if (w > 0) parts.push(scale(-w, make()));
  return parts.length === 1 ? unit : sum(...parts);
}

const unitName = (input: PlanInput, ch: number): string =>
  `${input.kind === 'logit' || input.layer === LOGITS_LAYER ? 'class' : 'channel'} ${ch}`;

/**
 * The jobs, in three shapes:
 * 1. per-channel objectives without diversity: up to `--batch` (default 16) channels per job, one image each,
 *    seeds `seed + i` for the job starting at channel index i (the same images as before these options existed);
 * 2. per-channel objectives with diversity: one job per channel with N = `--batch` (default 4) images;
 * 3. whole-layer objectives (layer, direction): one job of N = `--batch` images (default 1, or 4 with diversity).
 * @example planRender({ kind: 'channel', layer: 'conv1', channels: [0, 1], diversity: 0, ... }).jobs.length // 1
 */
export function planRender(input: PlanInput): RenderPlan {
  const wholeLayer = input.kind === 'layer' || input.kind === 'direction';
  const diverse = input.diversity > 0;
  if (wholeLayer) {
    const n = input.batch ?? (diverse ? DEFAULT_DIVERSE_IMAGES : 1);
    const unit = unitObjective(input, 0);
    const name = input.kind === 'layer' ? 'layer' : 'direction';
    const items = Array.from({ length: n }, (_, image) => ({ unit: name, image }));
    const label = input.kind === 'layer' ? 'the whole layer (DeepDream)' : 'the direction';
    return {
      jobs: [
        {
          label,
          objective: fullObjective(unit, input),
          unitObjective: unit,
          batchSize: n,
          seed: input.seed,
          items,
        },
      ],
      imagesPerUnit: n,
    };
  }
  if (diverse) {
    const n = input.batch ?? DEFAULT_DIVERSE_IMAGES;
    const jobs = input.channels.map((ch, i): RenderJob => {
      const unit = unitObjective(input, ch);
      const items = Array.from({ length: n }, (_, image) => ({
        unit: unitName(input, ch),
        channel: ch,
        image,
      }));
      return {
        label: unitName(input, ch),
        objective: fullObjective(unit, input),
        unitObjective: unit,
        batchSize: n,
        seed: input.seed + i,
        items,
      };
    });
    return { jobs, imagesPerUnit: n };
  }
  const per = input.batch ?? DEFAULT_UNITS_PER_BATCH;
  const jobs: RenderJob[] = [];
  for (let i = 0; i < input.channels.length; i += per) {
    const slice = input.channels.slice(i, i + per);
    const unit = unitObjective(input, slice);
    const word = input.kind === 'logit' || input.layer === LOGITS_LAYER ? 'classes' : 'channels';
    jobs.push({
      label: `${word} ${formatRanges(slice)}`,
      objective: fullObjective(unit, input),
      unitObjective: unit,
      batchSize: slice.length,
      seed: input.seed + i,
      items: slice.map((ch) => ({ unit: unitName(input, ch), channel: ch, image: 0 })),
    });
  }
  return { jobs, imagesPerUnit: 1 };
}
