/** Charts and images of layer-is-a-basis: purity against the controls, and the top examples of a few directions. */
import { controlComparison, imageGallery } from '@openbox/charts';
import { imagesToPng } from '@openbox/cnn-vis';
import type { Dataset } from '@openbox/datasets';
import type { BootstrapInterval } from '../controls/bootstrap-mean.js';
import type { ExperimentOutput } from '../experiment.js';
import { imageRows, round4 } from './image-rows.js';
import type { LayerBasisScores } from './layer-basis-measure.js';

/** Directions of each kind in the gallery, and top examples of each shown there and in the PNG. */
export const GALLERY_DIRECTIONS = 3;
export const GALLERY_EXAMPLES = 5;
const PNG_EXAMPLES = 10;

/** What the charts draw: the trained purity intervals, each control's means, the margin. */
export interface LayerBasisChartInput {
  readonly test: Dataset;
  readonly trained: LayerBasisScores;
  readonly channelPurity: BootstrapInterval;
  readonly randomPurity: BootstrapInterval;
  readonly controls: readonly { label: string; channelPurity: number; randomPurity: number }[];
  readonly margin: number;
  readonly k: number;
}

/** The directions shown: channels 0…2 and random directions 1…3, each with its top rows. */
function shown(trained: LayerBasisScores): { name: string; top: readonly number[] }[] {
  return [
    ...trained.channels.slice(0, GALLERY_DIRECTIONS).map((s, c) => ({ name: `channel ${c}`, top: s.top })),
    ...trained.random.slice(0, GALLERY_DIRECTIONS).map((s, r) => ({ name: `random ${r + 1}`, top: s.top })),
  ];
}

/** One `controlComparison` of the trained value (with its interval) against each control's. */
function comparison(
  kind: string,
  trained: BootstrapInterval,
  controls: readonly { label: string; value: number }[],
  input: LayerBasisChartInput,
) {
  const strongest = Math.max(...controls.map((c) => c.value));
  return controlComparison(
    [
      {
        label: `trained: ${kind}`,
        value: round4(trained.mean),
        role: 'trained',
        lower: round4(trained.lower),
        upper: round4(trained.upper),
      },
      ...controls.map((c) => ({
        label: `${c.label}: ${kind}`,
        value: round4(c.value),
        role: 'control' as const,
      })),
    ],
    {
      valueTitle: `mean class purity of the top ${input.k}`,
      threshold: round4(strongest + input.margin),
      thresholdLabel: `strongest control + ${input.margin}`,
    },
  );
}

/** The experiment's charts and PNG artifact. */
export function layerBasisCharts(
  input: LayerBasisChartInput,
): Pick<ExperimentOutput, 'charts' | 'artifacts'> {
  const { test, trained } = input;
  const [, h, w, c] = test.shape as [number, number, number, number];
  const size = h * w * c;
  const directions = shown(trained);
  const gallery = directions.flatMap((d) =>
    d.top.slice(0, GALLERY_EXAMPLES).map((row, j) => ({
      label: `${d.name} #${j + 1}: ${test.classNames[test.target[row]!] ?? test.target[row]}`,
      values: imageRows(test.features, row, h, w, c),
    })),
  );
  const examples = Math.min(PNG_EXAMPLES, ...directions.map((d) => d.top.length));
  const png = new Float32Array(directions.length * examples * size);
  directions.forEach((d, i) =>
    d.top
      .slice(0, examples)
      .forEach((row, j) =>
        png.set(test.features.subarray(row * size, (row + 1) * size), (i * examples + j) * size),
      ),
  );
  return {
    charts: [
      {
        id: 'controls-channels',
        title: `Class purity of the channels' top ${input.k} images: trained vs re-initialized`,
        spec: comparison(
          'channels',
          input.channelPurity,
          input.controls.map((c) => ({ label: c.label, value: c.channelPurity })),
          input,
        ),
      },
      {
        id: 'controls-random',
        title: `Class purity of random directions' top ${input.k} images: trained vs re-initialized`,
        spec: comparison(
          'random directions',
          input.randomPurity,
          input.controls.map((c) => ({ label: c.label, value: c.randomPurity })),
          input,
        ),
      },
      {
        id: 'top-examples',
        title: `Top images of channels 0–${GALLERY_DIRECTIONS - 1} and random directions 1–${GALLERY_DIRECTIONS}`,
        spec: imageGallery(gallery, {
          title: 'Top dataset examples (one row per direction)',
          columns: GALLERY_EXAMPLES,
          cellSize: 3,
          scale: 'sequential',
        }),
      },
    ],
    artifacts: [
      {
        file: 'top-examples.png',
        title: `Top ${examples} images of channels 0–${GALLERY_DIRECTIONS - 1} (rows 1–${GALLERY_DIRECTIONS}) and random directions 1–${GALLERY_DIRECTIONS}`,
        png: imagesToPng(png, [directions.length * examples, h, w, c], {
          scale: h > 64 ? 1 : 2,
          columns: examples,
        }),
      },
    ],
  };
}
