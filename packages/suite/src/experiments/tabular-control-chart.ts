/** One `controlComparison` chart from a {@link ControlJudgement}: the trained value, each control, the required line. */
import { controlComparison } from '@openbox/charts';
import type { ControlJudgement } from '../controls/judge-against-controls.js';
import type { ChartEntry } from '../results-format.js';
import { round4 } from './image-rows.js';

/**
 * The judged metric on the model under study against its controls, with a dashed rule at the strongest control
 * plus (or minus, when lower is better) the required margin: the value the trained model had to pass.
 * @example controlChart(judged, 'agreement-penguins', 'Penguins: LR–MLP agreement vs untrained MLPs', 'mean per-row r')
 */
export function controlChart(
  judged: ControlJudgement,
  id: string,
  title: string,
  valueTitle: string,
  trainedLabel = 'trained',
): ChartEntry {
  const e = judged.evidence;
  const values = e.controls.map((c) => c.value);
  const strongest = e.higherIsBetter ? Math.max(...values) : Math.min(...values);
  const sign = e.higherIsBetter ? 1 : -1;
  return {
    id,
    title,
    spec: controlComparison(
      [
        { label: trainedLabel, value: e.trained, role: 'trained' },
        ...e.controls.map((c) => ({ label: c.label, value: c.value, role: 'control' as const })),
      ],
      {
        valueTitle,
        threshold: round4(strongest + sign * e.requiredMargin),
        thresholdLabel: `strongest control ${e.higherIsBetter ? '+' : '−'} ${e.requiredMargin}`,
      },
    ),
  };
}
