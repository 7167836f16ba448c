/**
 * The thread's "a one-layer sigmoid net is logistic regression, rich in interpretation" beside a deep net on the same
 * table: on penguins (Chinstrap vs rest) and cars (USA vs rest), standardized, LR's exact attribution
 * β ⊙ (x − E_bg[x]) in log-odds (LinearSHAP) against the exact interventional Shapley values of an MLP's
 * logit P(class) (softmax over every class), on the same rows and background. Where a linear model suffices, does the
 * MLP explain its decisions as LR does — and where do the two differ?
 *
 * Null: agreement with LR comes from the rows and the standardization, not from what the MLP learned. It is run on
 * 3 re-initialized copies of the MLP's architecture (untrained), explained the same way on the same rows. The claim
 * holds when, on both datasets, the trained MLP's mean per-row Pearson r with LR (and its 95% bootstrap interval over
 * rows) beats every untrained copy's by {@link LR_MLP_AGREEMENT_MARGIN}.
 */
import type { Experiment, ExperimentContext, ExperimentOutput } from '../experiment.js';
import { bootstrapMeanInterval } from '../controls/bootstrap-mean.js';
import { judgeAgainstControls } from '../controls/judge-against-controls.js';
import { shapBeeswarm } from '@openbox/charts';
import { loadCars, loadPenguins } from '@openbox/datasets';
import { round4 } from './image-rows.js';
import { lowestIndices } from './tabular-agreement.js';
import { controlChart } from './tabular-control-chart.js';
import { measureLrVsMlp, type LrVsMlpDataset, type LrVsMlpMeasurement } from './tabular-lr-vs-mlp-measure.js';
import { tabularBudget, type MlpFactory } from './tabular-models.js';

/**
 * How far the trained MLP's mean per-row r must lie above every untrained copy's. Measured (quick, run seeds 0–3):
 * trained 0.87–0.97 (penguins), 0.85–0.95 (cars); the 24 untrained copies −0.87 to 0.73 (a random ReLU net is
 * nearly linear over a standardized table, so a copy can line up with LR by chance); the gap over the strongest copy
 * was 0.15–0.81 (0.23 at the worst seed with the recipe's batches of 64). 0.1 is below every gap measured and about
 * twice the bootstrap half-width of the trained mean (≈ 0.03–0.06).
 */
export const LR_MLP_AGREEMENT_MARGIN = 0.1;
/** Rows listed where LR and the MLP disagree most. */
const LISTED = 3;

/** The datasets and the class LR separates from the rest (each MLE exists: see `logistic-penguins`, `logistic-cars`). */
export const LR_VS_MLP_DATASETS: readonly LrVsMlpDataset[] = [
  { id: 'penguins', load: () => loadPenguins(), positiveClass: 'Chinstrap' },
  { id: 'cars', load: () => loadCars(), positiveClass: 'USA' },
];

/** Options of {@link runTabularLrVsMlpExperiment}. */
export interface TabularLrVsMlpOptions {
  /** The MLP under study on each dataset. Default: `trainTabularMlp` (seeded from the run). */
  readonly mlp?: MlpFactory;
}

const list = (names: readonly string[], v: ArrayLike<number>) =>
  names.map((n, j) => `${n} ${round4(v[j]!)}`).join(', ');

/** SHAP's beeswarm of one model's attributions on the explained rows (standardized feature values as color). */
function beeswarm(m: LrVsMlpMeasurement, model: 'lr' | 'mlp') {
  const d = m.featureNames.length;
  const rows = m.explained.rows;
  const values = model === 'lr' ? m.lrValues : m.mlpValues;
  const table = (t: Float64Array) =>
    Array.from({ length: rows.rows }, (_, r) => Array.from(t.subarray(r * d, (r + 1) * d)));
  const who = model === 'lr' ? 'LR, LinearSHAP' : 'MLP, exact Shapley';
  return {
    id: `beeswarm-${model}-${m.dataset.id}`,
    title: `${m.dataset.id}: ${who} of logit P(${m.dataset.positiveClass})`,
    spec: shapBeeswarm({
      features: m.featureNames,
      values: table(values),
      featureValues: table(rows.data),
      label: `logit P(${m.dataset.positiveClass}) (${who})`,
    }),
  };
}

/** The metrics of one dataset, prefixed by its id. */
function datasetMetrics(m: LrVsMlpMeasurement): Record<string, number | string | boolean> {
  const p = m.dataset.id;
  const a = m.agreement;
  const worstRows = lowestIndices(a.rowPearson, LISTED).map(
    (r) => `row ${m.explained.indices[r]} (r ${round4(a.rowPearson[r]!)}, signs ${round4(a.rowSign[r]!)})`,
  );
  const worstFeature = lowestIndices(a.featurePearson, 1)[0]!;
  return {
    [`${p}Rows`]: m.explained.rows.rows,
    [`${p}Background`]: m.explained.background.rows,
    [`${p}PositiveClass`]: m.dataset.positiveClass,
    [`${p}L2`]: m.l2,
    [`${p}Separable`]: m.separable,
    [`${p}LrAccuracy`]: round4(m.lrAccuracy),
    [`${p}MlpAccuracy`]: round4(m.mlpAccuracy),
    [`${p}LrCoefficients`]: list(m.featureNames, m.lrCoefficients),
    [`${p}MeanRowPearson`]: round4(a.meanRowPearson),
    [`${p}MeanRowSign`]: round4(a.meanRowSign),
    [`${p}FeaturePearson`]: list(m.featureNames, a.featurePearson),
    [`${p}FeatureSign`]: list(m.featureNames, a.featureSign),
    [`${p}LeastAgreeingFeature`]: m.featureNames[worstFeature]!,
    [`${p}LeastAgreeingRows`]: worstRows.join('; '),
    ...Object.fromEntries(
      m.controls.flatMap((c, i) => [
        [`${p}Control${i + 1}MeanRowPearson`, round4(c.agreement.meanRowPearson)],
        [`${p}Control${i + 1}MeanRowSign`, round4(c.agreement.meanRowSign)],
      ]),
    ),
  };
}

/**
 * The experiment with any MLP factory (a test passes an untrained one): per dataset (1) measure
 * ({@link measureLrVsMlp}), (2) judge the mean per-row r against the untrained copies with a bootstrap interval,
 * (3) report agreement per feature and the rows and feature where the two disagree most; the verdict holds when both
 * datasets hold.
 */
export async function runTabularLrVsMlpExperiment(
  ctx: ExperimentContext,
  options: TabularLrVsMlpOptions = {},
): Promise<ExperimentOutput> {
  const budget = tabularBudget(ctx.quick);
  const metrics: Record<string, number | string | boolean> = { requiredMargin: LR_MLP_AGREEMENT_MARGIN };
  const judged = [];
  for (const [step, dataset] of LR_VS_MLP_DATASETS.entries()) {
    // 1. Measure.
    ctx.progress(step + 1, LR_VS_MLP_DATASETS.length, dataset.id);
    const rng = ctx.rng.fork(dataset.id);
    const m = await measureLrVsMlp(dataset, budget, ctx.seed, rng, options.mlp);
    // 2. Judge.
    const interval = bootstrapMeanInterval(Array.from(m.agreement.rowPearson), {
      rng: rng.fork('bootstrap'),
    });
    const judgement = judgeAgainstControls({
      metric: `${dataset.id} (${dataset.positiveClass} vs rest): mean per-row Pearson r of LR's and the MLP's attributions`,
      trained: m.agreement.meanRowPearson,
      controls: m.controls.map((c) => ({
        label: `untrained MLP, ${c.label}`,
        value: c.agreement.meanRowPearson,
      })),
      margin: LR_MLP_AGREEMENT_MARGIN,
      higherIsBetter: true,
      interval,
    });
    judged.push({ m, judgement });
    // 3. Report.
    Object.assign(metrics, datasetMetrics(m), {
      [`${dataset.id}RowPearsonLower`]: round4(interval.lower),
      [`${dataset.id}RowPearsonUpper`]: round4(interval.upper),
      [`${dataset.id}Margin`]: judgement.margin,
      [`${dataset.id}Holds`]: judgement.status === 'holds',
    });
  }
  const holds = judged.every((j) => j.judgement.status === 'holds');
  const where = judged
    .map(
      ({ m }) =>
        `On ${m.dataset.id} they agree least on ${metrics[`${m.dataset.id}LeastAgreeingFeature`]} ` +
        `(per-feature r: ${metrics[`${m.dataset.id}FeaturePearson`]}); rows where they differ most: ` +
        `${metrics[`${m.dataset.id}LeastAgreeingRows`]}.`,
    )
    .join(' ');
  return {
    metrics,
    verdict: {
      status: holds ? 'holds' : 'does-not-hold',
      reason: `${judged.map((j) => j.judgement.reason).join(' ')} ${where}`,
      evidence: judged.map((j) => j.judgement.evidence),
    },
    charts: judged.flatMap(({ m, judgement }) => [
      controlChart(
        judgement,
        `agreement-${m.dataset.id}`,
        `${m.dataset.id}: LR–MLP attribution agreement, trained MLP vs untrained copies`,
        'mean per-row Pearson r with LR',
        'trained MLP',
      ),
      beeswarm(m, 'lr'),
      beeswarm(m, 'mlp'),
    ]),
    artifacts: [],
  };
}

export const tabularLrVsMlp: Experiment = {
  id: 'tabular-lr-vs-mlp',
  title: 'Tabular: LR attributions vs an MLP’s Shapley values (penguins, cars)',
  claim:
    "Where a linear model suffices (penguins Chinstrap vs rest, cars USA vs rest, standardized), an MLP's exact Shapley values of logit P(class) agree with exact LR's β ⊙ (x − mean) in log-odds on the same rows: the mean per-row Pearson r (and its 95% bootstrap interval) beats 3 untrained copies of the MLP by ≥ 0.1 on both datasets; the features and rows where they disagree are listed.",
  run: (ctx) => runTabularLrVsMlpExperiment(ctx),
};
