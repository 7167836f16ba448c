/** One unit of the unimodality experiment: its optima on the model, the cross-unit null, random nets, diversity. */
import {
  diversitySearch,
  unimodality as measureUnimodality,
  type DiversitySearchReport,
  type ModelAdapter,
  type Unit,
  type UnimodalityReport,
} from '@openbox/cnn-vis';
import type { ControlModel } from '../controls/control-models.js';
import { judgeAgainstControls, type ControlJudgement } from '../controls/judge-against-controls.js';
import { unitLabel } from './cnn-units.js';

/**
 * How far the unit's within-unit similarity (mean pairwise correlation of its optima) must lie above the cross-unit null
 * and above the same unit of each of 3 re-initialized nets. Measured (reference CNN, 4 starts, 128 steps): logits:3
 * 0.26 against random nets 0.37–0.40, conv2:pre:0 0.64 against 0.25–0.64; with 4 starts (6 pairs) the statistic moves
 * by about 0.03 between start seeds. 0.1 is three of those: a gap that the start sample alone does not produce, and
 * small against the gaps that a unit with one clear optimum shows over other units' optima (0.3 and more).
 */
export const SIMILARITY_MARGIN = 0.1;
/**
 * The stated relative activation gap: the optima must all reach within 10% of the best ((max − min)/|max| ≤ 0.1,
 * the former CV limit), and a diversity image counts as near-optimal within 10% of the best optimum.
 */
export const NEAR_OPTIMAL_GAP = 0.1;
/**
 * The diversity term's weight relative to |best| (Olah et al. weigh it against the objective's own scale). At 0.5 the
 * reference CNN's diversity images lost 20–75% of the logit; at 0.1 they stay within reach of the best.
 */
export const DIVERSITY_WEIGHT = 0.1;

/** Budgets of one unit's optimizations. */
export interface UnitBudget {
  readonly starts: number;
  readonly steps: number;
  readonly learningRate: number;
  readonly seed: number;
}

/** Everything measured for one unit. */
export interface UnitMeasurement {
  readonly unit: Unit;
  readonly nullUnit: Unit;
  readonly report: UnimodalityReport;
  readonly controls: readonly { readonly label: string; readonly report: UnimodalityReport }[];
  readonly diversity: DiversitySearchReport;
  /** Within-unit similarity against the cross-unit null and every random net. */
  readonly similarity: ControlJudgement;
  readonly gapHolds: boolean;
  readonly holds: boolean;
}

/** The null unit of `unit`: the next channel of its layer (the previous one for the last channel). */
export function nullUnitOf(adapter: ModelAdapter, unit: Unit): Unit {
  const channels = adapter.layer(unit.layer, 'unimodality').channels;
  return { layer: unit.layer, channel: unit.channel + 1 < channels ? unit.channel + 1 : unit.channel - 1 };
}

/**
 * Measures `unit` on the model and on each control (same starts and transform draws: same seed), runs the diversity
 * search on the model, and judges: within-unit similarity beats the cross-unit null and every control by
 * {@link SIMILARITY_MARGIN}, the optima's activation gap is ≤ {@link NEAR_OPTIMAL_GAP}, and the diversity search finds
 * no two near-optimal images that correlate below the cross-unit null (images as unalike as two units' optima).
 */
export function measureUnit(
  adapter: ModelAdapter,
  controls: readonly ControlModel[],
  unit: Unit,
  diversityLayer: string,
  budget: UnitBudget,
): UnitMeasurement {
  // 1. The model, with its cross-unit null, and the random nets.
  const nullUnit = nullUnitOf(adapter, unit);
  const report = measureUnimodality(adapter, unit, { ...budget, nullUnits: [nullUnit] });
  const crossUnit = report.crossUnit!.mean;
  const controlReports = controls.map((c) => ({
    label: c.label,
    report: measureUnimodality(c.adapter, unit, budget),
  }));
  // 2. The diversity search from the same starts.
  const diversity = diversitySearch(adapter, unit, {
    best: Math.max(...report.activations),
    diversityLayer,
    weight: DIVERSITY_WEIGHT,
    gap: NEAR_OPTIMAL_GAP,
    differentBelow: crossUnit,
    images: budget.starts,
    steps: budget.steps,
    learningRate: budget.learningRate,
    seed: budget.seed,
  });
  // 3. Verdicts.
  const similarity = judgeAgainstControls({
    metric: `mean pairwise correlation of the optima of ${unitLabel(unit)}`,
    trained: report.withinUnit.mean,
    controls: [
      { label: `cross-unit null (${unitLabel(unit)} vs ${unitLabel(nullUnit)})`, value: crossUnit },
      ...controlReports.map((c) => ({ label: c.label, value: c.report.withinUnit.mean })),
    ],
    margin: SIMILARITY_MARGIN,
    higherIsBetter: true,
  });
  const gapHolds = report.activationGap <= NEAR_OPTIMAL_GAP;
  const holds = similarity.status === 'holds' && gapHolds && !diversity.multimodal;
  return { unit, nullUnit, report, controls: controlReports, diversity, similarity, gapHolds, holds };
}
