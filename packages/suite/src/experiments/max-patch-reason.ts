/** The reason text of max-patch-vs-filter: the judged comparison, then the derived optima and the thread's claim. */
import type { ExperimentOutput } from '../experiment.js';

/** Pearson r at or above this is "large" (Cohen 1988, "Statistical Power Analysis", §3.2); used for wording only. */
export const LARGE_CORRELATION = 0.5;

/**
 * `judged` (the `judgeAgainstControls` reason), then, with the numbers exactly as `metrics` holds them: the derived
 * optima (no verdict), the measured resemblance of the top real patches to the filter itself for the model and each of
 * `controls` controls, and what the two say about the thread's claim that a maximizing patch looks nothing like the
 * filter's values.
 */
export function maxPatchReason(
  judged: string,
  metrics: ExperimentOutput['metrics'],
  controls: number,
): string {
  const each = (name: string) =>
    Array.from({ length: controls }, (_, i) => metrics[`control${i + 1}${name}`]).join(', ');
  const derived = metrics['derivedBoxOptimumCorrelation'] as number;
  const measured = metrics['meanTopFilterCorrelation'] as number;
  const aboveAll = (value: number, name: string) =>
    Array.from({ length: controls }, (_, i) => value > (metrics[`control${i + 1}${name}`] as number)).every(
      Boolean,
    );
  const derivedAbove = aboveAll(derived, 'DerivedBoxOptimumCorrelation');
  const measuredAbove = aboveAll(measured, 'MeanTopFilterCorrelation');
  const size = (r: number) => (r >= LARGE_CORRELATION ? 'large' : `below ${LARGE_CORRELATION}`);
  const both = derived >= LARGE_CORRELATION && measured >= LARGE_CORRELATION;
  return (
    `${judged} Derived from the weights, not measured: the patch maximizing ⟨w, x⟩ + b is 1[w > 0] over the [0,1] box ` +
    `and w/‖w‖ over the L2 ball (r with w ${metrics['derivedL2OptimumCorrelation']}, by construction); r(1[w > 0], w) ` +
    `averages ${derived} for these filters and ${each('DerivedBoxOptimumCorrelation')} for the controls' (${derivedAbove ? 'higher than every control' : 'not higher than every control, so it is no sign of learning'}). Measured on ${metrics['digits']} test digits: the top ${metrics['topK']} real patches correlate ` +
    `${measured} on average with the filter itself (${measuredAbove ? '' : 'not '}higher than every control's: ` +
    `${each('MeanTopFilterCorrelation')}). By Cohen's convention (r ≥ ${LARGE_CORRELATION} is large) the ` +
    `derived resemblance is ${size(derived)} and the measured one ${size(measured)}` +
    (both
      ? ': the patch that maximizes a filter, closed-form or real, does resemble it, against' +
        " the thread's claim that it looks like nothing of the filter's values."
      : '.')
  );
}
