/** `adversarialCharts`: drawing only — the judged comparisons and the gallery of adversarial digits (charts and a PNG). */
import { controlComparison, imageGallery } from '@openbox/charts';
import { imagesToPng } from '@openbox/cnn-vis';
import type { PngArtifact } from '../experiment.js';
import type { ChartEntry } from '../results-format.js';
import { imageRows, round4 } from './image-rows.js';
import { LOG2_RATIO_MARGIN, NORM_NAME, type NormJudgement } from './judge-adversarial.js';
import type { AdversarialMeasurements } from './measure-adversarial.js';
import type { PerturbationNorm } from './pgd-minimal-perturbation.js';

/** Digits shown in the gallery. */
export const SHOWN = 4;

/** A perturbation as an image: grey 0.5 is no change, stretched so the largest |δ| of the tile reaches 0 or 1. */
function perturbationTile(adv: Float32Array, clean: Float32Array, i: number, PIXELS: number): Float32Array {
  const d = Float32Array.from({ length: PIXELS }, (_, j) => adv[i * PIXELS + j]! - clean[i * PIXELS + j]!);
  const max = Math.max(1e-12, ...d.map(Math.abs));
  return d.map((v) => 0.5 + (0.5 * v) / max);
}

/** A judged comparison as a controlComparison chart of its log₂ values, with the line the CNN had to pass. */
function comparisonChart(id: string, title: string, j: NormJudgement['special']): ChartEntry {
  const e = j.evidence;
  const strongest = e.higherIsBetter
    ? Math.max(...e.controls.map((c) => c.value))
    : Math.min(...e.controls.map((c) => c.value));
  return {
    id,
    title,
    spec: controlComparison(
      [
        { label: 'trained CNN (PGD)', value: e.trained, role: 'trained' },
        ...e.controls.map((c) => ({ label: c.label, value: c.value, role: 'control' as const })),
      ],
      {
        valueTitle: e.metric,
        threshold: round4(strongest + (e.higherIsBetter ? 1 : -1) * LOG2_RATIO_MARGIN),
        thresholdLabel: `strongest ${e.higherIsBetter ? '+' : '−'} ${LOG2_RATIO_MARGIN} (a factor of 2)`,
      },
    ),
  };
}

/**
 * Charts: per norm the two judged comparisons (vs random perturbations and the data; vs re-initialized copies), and
 * for the first {@link SHOWN} digits the L2 adversarial images of both models with their predicted class and the
 * perturbations (shared diverging scale, so the CNN's and LR's sizes compare). PNG: each digit, then per model and norm
 * the stretched perturbation and the adversarial image.
 */
export function adversarialCharts(m: AdversarialMeasurements, judged: readonly NormJudgement[]) {
  const charts: ChartEntry[] = judged.flatMap((j) => [
    comparisonChart(
      `special-${j.norm}`,
      `${NORM_NAME[j.norm]}: adversarial radius vs random perturbations and the data`,
      j.special,
    ),
    comparisonChart(
      `learned-${j.norm}`,
      `${NORM_NAME[j.norm]}: trained CNN vs re-initialized copies`,
      j.learned,
    ),
  ]);
  const shown = Math.min(SHOWN, m.labels.length);
  const [h, w, c] = m.shape;
  const PIXELS = h * w * c;
  const models = [
    ['CNN', m.cnn],
    ['LR', m.lr],
  ] as const;
  const rows = (a: ArrayLike<number>, i: number) => imageRows(a, i, h, w, c).map((r) => r.map(round4));
  const images = Array.from({ length: shown }, (_, i) => [
    { label: `#${i} digit ${m.labels[i]}`, values: rows(m.images, i) },
    ...models.map(([name, r]) => ({
      label: `#${i} ${name} L2 ε=${round4(r.l2.epsilon[i]!)} → ${r.l2.predicted[i]}`,
      values: rows(r.l2.adversarial, i),
    })),
  ]).flat();
  const deltas = Array.from({ length: shown }, (_, i) =>
    models.map(([name, r]) => ({
      label: `#${i} ${name} L2 perturbation`,
      values: imageRows(
        Float32Array.from(
          { length: PIXELS },
          (_, j) => r.l2.adversarial[i * PIXELS + j]! - m.images[i * PIXELS + j]!,
        ),
        0,
        h,
        w,
        c,
      ).map((row) => row.map(round4)),
    })),
  ).flat();
  charts.push(
    {
      id: 'adversarial-images',
      title: 'Digits and their L2 adversarial images (predicted class after →)',
      spec: imageGallery(images, {
        title: 'Adversarial digits',
        columns: 3,
        cellSize: 3,
        scale: 'sequential',
      }),
    },
    {
      id: 'perturbations',
      title: 'L2 perturbations (adversarial − digit), one scale',
      spec: imageGallery(deltas, { title: 'Perturbations', columns: 2, cellSize: 3 }),
    },
  );
  // The PNG: 9 tiles a digit — the digit, then CNN/LR × L∞/L2 × (stretched perturbation, adversarial image).
  const tiles: Float32Array[] = [];
  for (let i = 0; i < shown; i++) {
    tiles.push(m.images.subarray(i * PIXELS, (i + 1) * PIXELS));
    for (const [, r] of models)
      for (const norm of ['linf', 'l2'] as PerturbationNorm[])
        tiles.push(
          perturbationTile(r[norm].adversarial, m.images, i, PIXELS),
          r[norm].adversarial.subarray(i * PIXELS, (i + 1) * PIXELS),
        );
  }
  const png = Float32Array.from(tiles.flatMap((t) => Array.from(t)));
  const artifacts: PngArtifact[] = [
    {
      file: 'adversarial-digits.png',
      title:
        'Per row: a digit; then CNN L∞, CNN L2, LR L∞, LR L2 — each the perturbation (grey = 0, stretched to its largest |δ|) and the adversarial image',
      png: imagesToPng(png, [tiles.length, h, w, c], { columns: 9, scale: h > 64 ? 1 : 3 }),
    },
  ];
  return { charts, artifacts };
}
