/** The charts of mode-vs-typical: each optimum's log-density against every control, and the images compared. */
import { controlComparison, imageGallery } from '@openbox/charts';
import type { ModeVsTypicalReport } from '@openbox/cnn-vis';
import type { ExperimentOutput } from '../experiment.js';
import { imageRows, round4 } from './image-rows.js';

/** What the charts draw. */
export interface ModeVsTypicalChartInput {
  readonly studied: readonly { readonly label: string }[];
  /** One report per studied unit, in order. */
  readonly reports: readonly ModeVsTypicalReport[];
  readonly references: readonly {
    readonly label: string;
    readonly value: number;
    readonly image: Float32Array;
  }[];
  readonly rbfReport: ModeVsTypicalReport;
  readonly controlReports: readonly { readonly label: string; readonly report: ModeVsTypicalReport }[];
  /** The real digits' 1st-percentile log-density. */
  readonly p1: number;
  /** The required margin (nats): the threshold is drawn at p1 − margin. */
  readonly margin: number;
  /** The test digits `[n, 28, 28, 1]` (the best real digit of each unit is drawn from them). */
  readonly test: Float32Array;
}

/** `controls`: log-densities (optima as trained, everything else as controls, threshold p1 − margin); the gallery. */
export function modeVsTypicalCharts(input: ModeVsTypicalChartInput): ExperimentOutput['charts'] {
  const { studied, reports, references, rbfReport, controlReports, p1, margin, test } = input;
  const row = (image: Float32Array) => imageRows(image, 0, 28, 28);
  const control = (label: string, value: number) => ({
    label,
    value: round4(value),
    role: 'control' as const,
  });
  return [
    {
      id: 'controls',
      title: 'Log-density of each optimum vs the real digits, the RBF control and the reference images',
      spec: controlComparison(
        [
          ...studied.map((s, i) => ({
            label: `${s.label} optimum`,
            value: round4(reports[i]!.logDensity),
            role: 'trained' as const,
          })),
          control('real 1st percentile', p1),
          control('RBF control optimum', rbfReport.logDensity),
          ...references.map((r) => control(r.label, r.value)),
          ...controlReports.map((c) => control(`${c.label} optimum`, c.report.logDensity)),
        ],
        {
          valueTitle: 'log-density under the PCA-Gaussian of training digits (nats)',
          threshold: round4(p1 - margin),
          thresholdLabel: `real 1st percentile − ${margin}`,
        },
      ),
    },
    {
      id: 'optimum-vs-best-digit',
      title: 'Optima, the best real digits, the RBF control and the reference images',
      spec: imageGallery(
        [
          ...studied.flatMap((s, i) => [
            { label: `${s.label} optimum`, values: row(reports[i]!.image) },
            { label: `${s.label} best digit`, values: imageRows(test, reports[i]!.bestRealIndex, 28, 28) },
          ]),
          { label: 'RBF control optimum', values: row(rbfReport.image) },
          ...references.map((r) => ({ label: r.label, values: row(r.image) })),
        ],
        { title: 'images', columns: 2, cellSize: 4, scale: 'sequential', sharedScale: false },
      ),
    },
  ];
}
