/** Is each logistic-regression template "its class"? Correlation of the K templates with the K class-mean images. */
import { pearson } from '@openbox/cnn-vis';
import type { Dataset } from '@openbox/datasets';
import type { Rng } from '@openbox/runtime';
import { judgeAgainstControls, type ControlJudgement } from '../controls/judge-against-controls.js';
import type { LrTemplates } from './lr-templates.js';

/**
 * `corr[k][c]`: Pearson correlation over the d pixels (784 on MNIST) of template k (the class-k weights) with the centred mean
 * digit of class c, m_c − m̄ (m_c the mean image of the rows of class c, m̄ the mean of all rows). Under an L2 penalty
 * the ten templates sum to zero pixel by pixel (the stationarity condition of the softmax fit), so they are compared
 * with means centred the same way. A pixel that is constant over `data` gives 0 in both.
 */
export function templateClassCorrelations(templates: LrTemplates, data: Dataset): number[][] {
  const n = data.shape[0]!;
  const classes = templates.intercepts.length;
  const pixels = templates.weights.length / classes;
  const sums = Array.from({ length: classes }, () => new Float64Array(pixels));
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < n; i++) {
    const c = data.target[i]!;
    counts[c]!++;
    const row = sums[c]!;
    for (let j = 0; j < pixels; j++) row[j]! += data.features[i * pixels + j]!;
  }
  const overall = new Float64Array(pixels);
  for (const row of sums) for (let j = 0; j < pixels; j++) overall[j]! += row[j]! / n;
  const centred = sums.map((row, c) =>
    Float64Array.from(row, (s, j) => (counts[c]! > 0 ? s / counts[c]! : 0) - overall[j]!),
  );
  return Array.from({ length: classes }, (_, k) =>
    centred.map((mean) => pearson(templates.weights.slice(k * pixels, (k + 1) * pixels), mean)),
  );
}

/** Mean of `corr[k][assignment[k]]` over the templates. */
export function meanAssignedCorrelation(corr: readonly number[][], assignment: readonly number[]): number {
  return assignment.reduce((a, c, k) => a + corr[k]![c]!, 0) / assignment.length;
}

/** The templates that correlate more with their own class's mean digit than with any other class's. */
export function ownClassBest(corr: readonly number[][]): number {
  return corr.filter((row, k) => row.every((v, c) => c === k || v < row[k]!)).length;
}

/**
 * `count` seeded derangements of 0..classes−1 (no template keeps its own class; `classes` ≥ 2, default 10): the null
 * of "one template per class".
 */
export function derangements(rng: Rng, count: number, classes = 10): number[][] {
  const out: number[][] = [];
  while (out.length < count) {
    const p = rng.shuffle(Array.from({ length: classes }, (_, i) => i));
    if (p.every((c, k) => c !== k)) out.push(p);
  }
  return out;
}

/**
 * How far the mean own-class correlation must lie above every derangement's. Reference templates (8,000 rows,
 * L2 = 10): own-class mean 0.695 (4,000 rows; every template 0.59–0.77); over 2,000 seeded derangements the null ranges
 * −0.265 to 0.089 (median −0.077). 0.3 is over three times the null's largest value and under half the gap.
 */
export const TEMPLATE_MATCH_MARGIN = 0.3;
/** Derangements the verdict compares with (as many as the re-initialized controls). */
const NULL_ASSIGNMENTS = 3;

/** The "one template per digit" half of the claim, judged. */
export interface TemplateMatch {
  readonly correlations: number[][];
  /** Mean of corr[k][k]. */
  readonly ownClassMean: number;
  /** Templates whose own class's mean image correlates best ({@link ownClassBest}); all K means one per class. */
  readonly ownClassBest: number;
  readonly nulls: readonly {
    readonly label: string;
    readonly assignment: number[];
    readonly value: number;
  }[];
  readonly judged: ControlJudgement;
  /** Both parts: every template its own class's best, and the mean beats every derangement by the margin. */
  readonly holds: boolean;
}

/**
 * Judges "its weights are one template per class": template k must correlate with the centred mean image of class k
 * more than with any other class's (all K), and the mean own-class correlation must beat {@link NULL_ASSIGNMENTS}
 * seeded derangements (templates matched to the wrong digits) by {@link TEMPLATE_MATCH_MARGIN}.
 */
export function judgeLrTemplates(templates: LrTemplates, data: Dataset, rng: Rng): TemplateMatch {
  const correlations = templateClassCorrelations(templates, data);
  const classes = correlations.length;
  const identity = Array.from({ length: classes }, (_, k) => k);
  const ownClassMean = meanAssignedCorrelation(correlations, identity);
  const best = ownClassBest(correlations);
  const nulls = derangements(rng, NULL_ASSIGNMENTS, classes).map((assignment) => ({
    label: `templates matched to the wrong classes (${assignment.join(classes > 10 ? ',' : '')})`,
    assignment,
    value: meanAssignedCorrelation(correlations, assignment),
  }));
  const judged = judgeAgainstControls({
    metric: 'mean correlation of each LR template with its own class-mean digit',
    trained: ownClassMean,
    controls: nulls,
    margin: TEMPLATE_MATCH_MARGIN,
    higherIsBetter: true,
  });
  return {
    correlations,
    ownClassMean,
    ownClassBest: best,
    nulls,
    judged,
    holds: best === classes && judged.status === 'holds',
  };
}
