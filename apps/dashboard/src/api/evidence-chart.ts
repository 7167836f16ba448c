/** `evidenceChart`: one verdict comparison drawn as the trained value against its controls, with the bar it had to pass. */
import { controlComparison } from '@openbox/charts';
import type { ControlComparisonEntry } from '@openbox/charts';
import type { ControlEvidence } from '@openbox/suite';
import type { TopLevelSpec } from 'vega-lite';

/** The row label of the network under study. */
export const TRAINED_LABEL = 'trained';

/** Sums of two `round4` values without float noise (0.52 − 0.1 is 0.42, not 0.42000000000000004). */
const clean = (v: number): number => Number(v.toPrecision(12));

/**
 * Where the trained value had to lie: the strongest control plus the required margin when higher is better
 * (the largest control + margin), minus it otherwise (the smallest control − margin).
 */
export function requiredValue(e: ControlEvidence): number {
  const values = e.controls.map((c) => c.value);
  return e.higherIsBetter
    ? clean(Math.max(...values) + e.requiredMargin)
    : clean(Math.min(...values) - e.requiredMargin);
}

/**
 * Row labels as the chart needs them (non-empty, unique): the result file's labels are untrusted, so an empty one
 * becomes `control <n>` and a repeat (of another control or of `trained`) gets ` (2)`, ` (3)`, … appended.
 */
function rowLabels(e: ControlEvidence): string[] {
  const seen = new Set<string>([TRAINED_LABEL]);
  return e.controls.map((c, i) => {
    const base = c.label === '' ? `control ${i + 1}` : c.label;
    let label = base;
    for (let n = 2; seen.has(label); n++) label = `${base} (${n})`;
    seen.add(label);
    return label;
  });
}

/**
 * `controlComparison` of one `verdict.evidence` entry: a `trained` row and one row per control (in the file's
 * order, values as written), the value axis titled with the metric, and a dashed rule at {@link requiredValue}
 * labelled `strongest control ± <required margin>`.
 * @example evidenceChart({ metric: 'neighbour correlation', trained: 0.48, controls: [{ label: 'seed 1', value: 0.01 }], requiredMargin: 0.2, margin: 0.47, higherIsBetter: true, holds: true })
 */
export function evidenceChart(e: ControlEvidence): TopLevelSpec {
  const labels = rowLabels(e);
  const entries: ControlComparisonEntry[] = [
    { label: TRAINED_LABEL, value: e.trained, role: 'trained' },
    ...e.controls.map((c, i) => ({ label: labels[i]!, value: c.value, role: 'control' as const })),
  ];
  return controlComparison(entries, {
    valueTitle: e.metric,
    threshold: requiredValue(e),
    thresholdLabel: `strongest control ${e.higherIsBetter ? '+' : '−'} ${e.requiredMargin}`,
  });
}
