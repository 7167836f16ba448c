/**
 * The thread's "with more hidden layers, such interpretation will not apply", made measurable on `makeXorData`
 * (x1, x2 ~ U(−1, 1), class = the signs differ) with two pure-noise features U(−1, 1) appended, so that "finding
 * the pair" means picking (x1, x2) out of 6 pairs: LR cannot fit XOR (test accuracy ≈ 0.5), an MLP can (≥ 0.9);
 * the MLP's exact Shapley interaction values Φ (Lundberg et al. 2020) of its log-odds put their mass on the pair
 * (x1, x2), where LR's Φ is exactly diagonal (affine in log-odds); LR's attribution is one slope per feature for every
 * row, φ_j / (x_j − E_bg[x_j]) = β_j, while the MLP's slope varies from row to row (its spread is reported).
 *
 * Null: the interaction mass comes from the architecture or from fitting any data, not from learning the XOR. Run on
 * 3 re-initialized (untrained) copies of the MLP and on the same MLP recipe trained on `makeLogisticData` (no
 * interaction, the signal on x1 and x2): the share of |Φ| on (x1, x2) must beat each by
 * {@link PAIR_SHARE_MARGIN}, and the test accuracy must beat LR's and the untrained copies' by {@link ACCURACY_MARGIN}.
 */
import { shapDependence } from '@openbox/charts';
import type { Experiment, ExperimentContext, ExperimentOutput } from '../experiment.js';
import { judgeAgainstControls } from '../controls/judge-against-controls.js';
import { round4 } from './image-rows.js';
import { controlChart } from './tabular-control-chart.js';
import { measureInteractionModels, type InteractionModels } from './tabular-interaction-models.js';
import type { MlpFactory } from './tabular-models.js';

/**
 * How far the MLP's share of |Φ| on (x1, x2) must lie above every control's. Measured (quick, run seeds 0–2): the
 * XOR MLP 0.53–0.68; its untrained copies 0.03–0.10 (though 0.32–0.55 of their |Φ| is off the diagonal: an untrained
 * net interacts too, just not on the pair that decides XOR — hence the pair's share, not the off-diagonal share, is
 * judged); the MLP trained on logistic data 0.05–0.09. 0.2 is under half the smallest gap measured (0.43).
 */
export const PAIR_SHARE_MARGIN = 0.2;
/**
 * How far the MLP's test accuracy must lie above LR's and the untrained copies' (0.5 is chance on XOR). Measured
 * (quick, seeds 0–2): MLP 0.95–0.98, LR 0.46–0.54, untrained copies 0.41–0.58.
 */
export const ACCURACY_MARGIN = 0.3;
/** The MLP must reach this test accuracy; LR must stay within {@link LR_CHANCE_BAND} of 0.5. */
export const MLP_MIN_ACCURACY = 0.9;
export const LR_CHANCE_BAND = 0.1;

/** Options of {@link runTabularInteractionsExperiment}. */
export interface TabularInteractionsOptions {
  /** The MLP under study (on the XOR table). Default: `trainTabularMlp`. The logistic-data control is always trained. */
  readonly mlp?: MlpFactory;
}

const spreadList = (names: readonly string[], v: ArrayLike<number>) =>
  names.map((n, j) => `${n} ${round4(v[j]!)}`).join(', ');

/** SHAP's dependence plot of the MLP's φ_x1 against x1, colored by x2: XOR's sign flip is the vertical split. */
function dependence(m: InteractionModels) {
  const x = m.explainedX;
  const column = (j: number) => Array.from({ length: x.rows }, (_, r) => x.data[r * x.cols + j]!);
  const phi = Array.from({ length: x.rows }, (_, r) => m.mlp.measures.shapley[r * x.cols]!);
  return {
    id: 'dependence-x1',
    title: 'XOR MLP: φ(x1) against x1, colored by x2 (its interaction)',
    spec: shapDependence({
      feature: 'x1',
      featureValues: column(0),
      values: phi,
      colorFeature: 'x2',
      colorValues: column(1),
      label: 'log-odds of opposite-sign (XOR MLP)',
    }),
  };
}

/** Every number of the experiment, rounded as the reason prints it. */
function metricsOf(m: InteractionModels): Record<string, number | string | boolean> {
  const pairName = (p: readonly [number, number]) => `${m.featureNames[p[0]]}×${m.featureNames[p[1]]}`;
  return {
    trainRows: m.trainRows,
    testRows: m.testRows,
    rows: m.rows,
    background: m.background,
    lrL2: m.lrL2,
    lrTestAccuracy: round4(m.lrAccuracy),
    mlpTestAccuracy: round4(m.mlp.accuracy),
    mlpPairShare: round4(m.mlp.measures.pairShare),
    mlpOffDiagonalShare: round4(m.mlp.measures.offDiagonalShare),
    mlpTopPair: pairName(m.mlp.measures.topPair),
    lrPairShare: round4(m.lr.pairShare),
    lrOffDiagonalShare: round4(m.lr.offDiagonalShare),
    lrSlopeSpread: spreadList(m.featureNames, m.lr.slopeSpread),
    mlpSlopeSpread: spreadList(m.featureNames, m.mlp.measures.slopeSpread),
    mlpSlopeSpreadX1: round4(m.mlp.measures.slopeSpread[0]!),
    mlpSlopeSpreadX2: round4(m.mlp.measures.slopeSpread[1]!),
    lrCoefficients: spreadList(m.featureNames, m.lrCoefficients),
    logisticControlPairShare: round4(m.logistic.measures.pairShare),
    logisticControlOffDiagonalShare: round4(m.logistic.measures.offDiagonalShare),
    logisticControlTestAccuracy: round4(m.logistic.accuracy),
    ...Object.fromEntries(
      m.untrained.flatMap((c, i) => [
        [`control${i + 1}PairShare`, round4(c.measures.pairShare)],
        [`control${i + 1}OffDiagonalShare`, round4(c.measures.offDiagonalShare)],
        [`control${i + 1}TestAccuracy`, round4(c.accuracy)],
      ]),
    ),
    requiredPairShareMargin: PAIR_SHARE_MARGIN,
    requiredAccuracyMargin: ACCURACY_MARGIN,
  };
}

/**
 * The experiment with any MLP factory for the XOR table (a test passes an untrained one): (1) measure every model
 * ({@link measureInteractionModels}); (2) judge the pair share and the test accuracy against the controls; (3) check
 * MLP ≥ {@link MLP_MIN_ACCURACY} and LR within {@link LR_CHANCE_BAND} of chance. Holds when all four do.
 */
export async function runTabularInteractionsExperiment(
  ctx: ExperimentContext,
  options: TabularInteractionsOptions = {},
): Promise<ExperimentOutput> {
  // 1. Measure.
  const m = await measureInteractionModels(ctx, options.mlp);
  const metrics = metricsOf(m);
  // 2. Judge against the controls.
  const pair = judgeAgainstControls({
    metric: 'share of |Φ| (Shapley interaction values of the log-odds) on the pair (x1, x2)',
    trained: m.mlp.measures.pairShare,
    controls: [
      ...m.untrained.map((c) => ({ label: `untrained MLP, ${c.label}`, value: c.measures.pairShare })),
      { label: 'MLP trained on logistic data (no interaction)', value: m.logistic.measures.pairShare },
    ],
    margin: PAIR_SHARE_MARGIN,
    higherIsBetter: true,
  });
  const accuracy = judgeAgainstControls({
    metric: 'test accuracy on XOR',
    trained: m.mlp.accuracy,
    controls: [
      { label: 'logistic regression', value: m.lrAccuracy },
      ...m.untrained.map((c) => ({ label: `untrained MLP, ${c.label}`, value: c.accuracy })),
    ],
    margin: ACCURACY_MARGIN,
    higherIsBetter: true,
  });
  // 3. The absolute clauses, and the verdict.
  const mlpFits = m.mlp.accuracy >= MLP_MIN_ACCURACY;
  const lrAtChance = Math.abs(m.lrAccuracy - 0.5) <= LR_CHANCE_BAND;
  const holds = pair.status === 'holds' && accuracy.status === 'holds' && mlpFits && lrAtChance;
  Object.assign(metrics, {
    pairShareMargin: pair.margin,
    accuracyMargin: accuracy.margin,
    mlpFits,
    lrAtChance,
  });
  const reason =
    `The MLP's test accuracy is ${metrics['mlpTestAccuracy']} (${mlpFits ? '≥' : 'below'} ${MLP_MIN_ACCURACY}); LR's is ` +
    `${metrics['lrTestAccuracy']} (${lrAtChance ? 'within' : 'outside'} ${LR_CHANCE_BAND} of chance). ${accuracy.reason} ` +
    `${pair.reason} The MLP's largest interaction is ${metrics['mlpTopPair']}; ${metrics['mlpOffDiagonalShare']} of its |Φ| ` +
    `is off the diagonal, LR's ${metrics['lrOffDiagonalShare']}. LR's slope φ_j / (x_j − mean) is one number per ` +
    `feature (spread ${metrics['lrSlopeSpread']}); the MLP's varies per row (SD / mean |slope|: ${metrics['mlpSlopeSpread']}).`;
  return {
    metrics,
    verdict: {
      status: holds ? 'holds' : 'does-not-hold',
      reason,
      evidence: [pair.evidence, accuracy.evidence],
    },
    charts: [
      controlChart(
        pair,
        'pair-share',
        'Share of |Φ| on (x1, x2): XOR MLP vs controls',
        'share of |Φ| on (x1, x2)',
        'XOR MLP',
      ),
      controlChart(
        accuracy,
        'accuracy',
        'XOR test accuracy: MLP vs LR and untrained copies',
        'test accuracy',
        'XOR MLP',
      ),
      dependence(m),
    ],
    artifacts: [],
  };
}

export const tabularInteractions: Experiment = {
  id: 'tabular-interactions',
  title: 'Tabular: an MLP learns the XOR interaction that LR cannot',
  claim:
    "On XOR data (x1, x2, plus two noise features), LR stays at chance (test accuracy within 0.1 of 0.5) while an MLP reaches ≥ 0.9 and beats LR and 3 untrained copies by ≥ 0.3; the share of its |Shapley interaction values| on the pair (x1, x2) beats the untrained copies and the MLP trained on logistic data by ≥ 0.2 (LR's is exactly 0); LR's slope per feature is the same for every row, the MLP's is not (reported).",
  run: (ctx) => runTabularInteractionsExperiment(ctx),
};
