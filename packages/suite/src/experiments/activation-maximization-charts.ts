/** The charts and PNGs of activation-maximization: judge vs controls, the class-optima galleries, conv channels. */
import { controlComparison, imageGallery } from '@openbox/charts';
import { imagesToPng } from '@openbox/cnn-vis';
import type { BootstrapInterval } from '../controls/bootstrap-mean.js';
import type { PngArtifact } from '../experiment.js';
import type { ChartEntry } from '../results-format.js';
import type { JudgedOptima } from './activation-maximization.js';
import type { LayerChannelOptima } from './channel-optima.js';
import { galleryOf, round4 } from './image-rows.js';

const PIXELS = 784;

/** Label of optimum `i` in a gallery: `class k → judge's class`, with the start when there are several. */
export function optimumLabel(m: JudgedOptima, i: number, prefix = ''): string {
  const starts = m.optima.targets.length / 10;
  const start = starts > 1 ? ` (start ${Math.floor(i / 10)})` : '';
  return `${prefix}class ${m.optima.targets[i]} → ${m.judged.predicted[i]}${start}`;
}

/** The comparison bars: trained (with its interval) and each control, one value per net. */
function comparison(
  models: readonly JudgedOptima[],
  value: (m: JudgedOptima) => number,
  interval?: BootstrapInterval,
) {
  return models.map((m) => ({
    label: m.label,
    value: round4(value(m)),
    role: m.role,
    ...(m.role === 'trained' && interval !== undefined
      ? { lower: round4(interval.lower), upper: round4(interval.upper) }
      : {}),
  }));
}

/**
 * 1. `controls`: the judge's recognition rate, trained vs controls, with the required value (strongest control +
 *    margin); 2. `self-judged`: each net judging its own optima (why that was not evidence); 3. `classes`: every
 *    optimum of the model under study, `class k → judge's class`; 4. `control-classes`: the first start of each
 *    control; 5. per conv layer, its channel optima. PNGs: the same images.
 */
export function activationMaximizationCharts(
  models: readonly JudgedOptima[],
  layers: readonly LayerChannelOptima[],
  interval: BootstrapInterval,
  margin: number,
): { charts: ChartEntry[]; artifacts: PngArtifact[] } {
  const [trained, ...controls] = models as [JudgedOptima, ...JudgedOptima[]];
  const strongest = Math.max(...controls.map((c) => c.judged.fraction));
  const n = trained.optima.targets.length;
  const controlGallery = controls.flatMap((c, j) =>
    galleryOf(c.optima.images, 10, 28, 28, (i) => optimumLabel(c, i, `control ${j + 1}: `)),
  );
  const charts: ChartEntry[] = [
    {
      id: 'controls',
      title: 'Class optima recognized by the independent judge: trained vs controls',
      spec: controlComparison(
        comparison(models, (m) => m.judged.fraction, interval),
        {
          valueTitle: 'fraction of class optima the judge classifies as their class',
          threshold: round4(strongest + margin),
          thresholdLabel: `strongest control + ${margin}`,
        },
      ),
    },
    {
      id: 'self-judged',
      title: 'Class optima recognized by the net that made them (circular: controls pass too)',
      spec: controlComparison(
        comparison(models, (m) => m.self.fraction),
        { valueTitle: 'fraction of its own class optima a net classifies as their class' },
      ),
    },
    {
      id: 'classes',
      title: "Class optima of the model under study (class k → judge's class)",
      spec: imageGallery(
        galleryOf(trained.optima.images, n, 28, 28, (i) => optimumLabel(trained, i)),
        {
          title: "class logit optima (class → judge's class)",
          columns: 10,
          cellSize: 4,
          scale: 'sequential',
          sharedScale: false,
        },
      ),
    },
    {
      id: 'control-classes',
      title: "Class optima of the controls, first start (class k → judge's class)",
      spec: imageGallery(controlGallery, {
        title: controls.map((c, j) => `control ${j + 1}: ${c.label}`).join('; '),
        columns: 10,
        cellSize: 4,
        scale: 'sequential',
        sharedScale: false,
      }),
    },
  ];
  const artifacts: PngArtifact[] = [
    {
      file: 'classes.png',
      title: 'Class optima of the model under study (a row per start)',
      png: imagesToPng(trained.optima.images, trained.optima.shape, { scale: 4, columns: 10 }),
    },
    {
      file: 'control-classes.png',
      title: 'Class optima of the controls, first start (a row per control)',
      png: imagesToPng(
        Float32Array.from(controls.flatMap((c) => Array.from(c.optima.images.subarray(0, 10 * PIXELS)))),
        [10 * controls.length, 28, 28, 1],
        { scale: 4, columns: 10 },
      ),
    },
  ];
  for (const { layer, slug, result } of layers) {
    charts.push({
      id: `${slug}-channels`,
      title: `${layer}: channel optima`,
      spec: imageGallery(
        galleryOf(result.images, result.curve.length, 28, 28, (c) => `channel ${c}`),
        { title: `${layer} channels`, columns: 8, cellSize: 4, scale: 'sequential', sharedScale: false },
      ),
    });
    artifacts.push({
      file: `${slug}-channels.png`,
      title: `${layer} channel optima`,
      png: imagesToPng(result.images, result.shape, { scale: 4, columns: 8 }),
    });
  }
  return { charts, artifacts };
}
