/** One unit of the unimodality experiment: its optima on the model, the cross-unit null, random nets, diversity. */
import {
  diversitySearch,
  unimodality as measureUnimodality,
  type DiversitySearchReport,
  type ImageModel,
  type Unit,
  type UnimodalityReport,
} from '@openbox/cnn-vis';
import type { ControlModel } from '../controls/control-models.js';
import { judgeAgainstControls, type ControlJudgement } from '../controls/judge-against-controls.js';
import { unitLabel } from './cnn-units.js';

/**
 * How far the unit's within-unit similarity (mean pairwise correlation of its optima) must lie above the cross-unit null
 * and above the same unit of each of 3 re-initialized nets. Measured on the reference CNN (quick: 4 starts, 64 steps,
 * run seed 0): logits:3 0.316 vs cross-unit −0.125 and random nets 0.339–0.403; conv2:pre:0 0.617 vs cross-unit 0.466
 * and random nets 0.256–0.614. With 4 starts (6 pairs) the statistic moved by 0.02–0.06 between runs with other seeds
 * and budgets (seed 7, 64–128 steps: logits:3 0.26–0.32, conv2:pre:0 0.61–0.65). 0.1 is above that run-to-run spread,
 * so a pass is not a lucky sample, and well below the gap a unit with one clear optimum shows over another unit's optima
 * (logits:3 already beats its cross-unit null by 0.44).
 */
export const SIMILARITY_MARGIN = 0.1;
/**
 * The stated relative activation gap: the optima must all reach within 10% of the best ((max − min)/|max| ≤ 0.1,
 * the former CV limit), and a diversity image counts as near-optimal within 10% of the best optimum.
 */
export const NEAR_OPTIMAL_GAP = 0.1;
/**
 * The diversity term's weight relative to |best| (Olah et al. weigh it against the objective's own scale). At 0.5 the
 * reference CNN's diversity images of logits:3 lost 18–75% of the logit (none near-optimal but one); at 0.1, 4 of 4
 * (logits:3) and 2 of 4 (conv2:pre:0) stay within 10% of the best, so the search can find a second mode if one exists.
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
export function nullUnitOf(adapter: ImageModel, unit: Unit): Unit {
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
  adapter: ImageModel,
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
