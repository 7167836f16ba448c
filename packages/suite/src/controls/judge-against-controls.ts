/** `judgeAgainstControls`: a claim holds only when the trained network beats every control by a stated margin. */
import { round4 } from '../experiments/image-rows.js';
import type { ControlEvidence } from '../results-format.js';
import { SuiteError } from '../suite-error.js';
import { CONTROL_MESSAGES as M } from './messages.js';

/** One control's value of the metric (a re-initialized copy, a shuffled-label net, …). */
export interface ControlValue {
  readonly label: string;
  readonly value: number;
}

/** A confidence interval of the trained value (e.g. {@link bootstrapMeanInterval}'s). */
export interface TrainedInterval {
  readonly lower: number;
  readonly upper: number;
  /** Its confidence level in (0, 1), e.g. 0.95. */
  readonly level: number;
}

/** Input of {@link judgeAgainstControls}. */
export interface JudgeAgainstControlsInput {
  /** What is measured, as the reason names it, e.g. `mean neighbour correlation of the first-layer filters`. */
  readonly metric: string;
  /** The metric on the network under study. */
  readonly trained: number;
  /** The metric on each control (at least one). */
  readonly controls: readonly ControlValue[];
  /** How far (≥ 0, in the metric's units) the trained value must lie beyond every control. */
  readonly margin: number;
  /** True when a larger value means more of what the claim says the network learned. */
  readonly higherIsBetter: boolean;
  /** When given, the interval's end toward the controls (the lower end if higher is better) must beat them too. */
  readonly interval?: TrainedInterval;
}

/** The verdict against the controls. */
export interface ControlJudgement {
  readonly status: 'holds' | 'does-not-hold';
  /** The trained value, each control's value, the required margin and the gap, as `round4` prints them. */
  readonly reason: string;
  /**
   * The margin achieved, `round4`ed: how far the trained value lies beyond the strongest control, in the direction
   * that counts (trained − max control when higher is better, min control − trained otherwise; negative when a
   * control beats it).
   */
  readonly margin: number;
  /** The comparison in the results format, for `verdict.evidence` (values `round4`ed). */
  readonly evidence: ControlEvidence;
}

const FN = 'judgeAgainstControls';

/** 1. Checks every field, naming the bad one. */
function check(input: JudgeAgainstControlsInput): void {
  if (typeof input.metric !== 'string' || input.metric === '')
    throw new SuiteError('invalid-argument', M.notLabel(FN, 'metric', input.metric));
  if (!Number.isFinite(input.trained))
    throw new SuiteError('invalid-argument', M.notFinite(FN, 'trained', input.trained));
  if (input.controls.length === 0) throw new SuiteError('invalid-argument', M.empty(FN, 'controls'));
  input.controls.forEach((c, i) => {
    if (typeof c.label !== 'string' || c.label === '')
      throw new SuiteError('invalid-argument', M.notLabel(FN, `controls[${i}].label`, c.label));
    if (!Number.isFinite(c.value))
      throw new SuiteError('invalid-argument', M.notFinite(FN, `controls[${i}].value`, c.value));
  });
  if (typeof input.margin !== 'number' || !Number.isFinite(input.margin) || input.margin < 0)
    throw new SuiteError('invalid-argument', M.badMargin(input.margin));
  const iv = input.interval;
  if (iv !== undefined) {
    if (!Number.isFinite(iv.lower))
      throw new SuiteError('invalid-argument', M.notFinite(FN, 'interval.lower', iv.lower));
    if (!Number.isFinite(iv.upper))
      throw new SuiteError('invalid-argument', M.notFinite(FN, 'interval.upper', iv.upper));
    if (iv.lower > iv.upper) throw new SuiteError('invalid-argument', M.badInterval(iv.lower, iv.upper));
    if (!(iv.level > 0 && iv.level < 1)) throw new SuiteError('invalid-argument', M.badLevel(FN, iv.level));
  }
}

/**
 * Holds only when the trained value beats EVERY control by at least `margin` — gap = ±(trained − control) > 0 and
 * ≥ `margin`, so a tie never holds, even with margin 0 — and, when `interval` is given, its end toward the controls
 * is strictly beyond every control. The comparison is on the values as computed; the reason prints each with
 * `round4`, as the experiments' metrics do, so a reader finds the same numbers in both.
 * @example judgeAgainstControls({ metric: 'mean neighbour correlation', trained: 0.48, controls: [{ label: 'seed 1', value: -0.04 }], margin: 0.2, higherIsBetter: true })
 */
export function judgeAgainstControls(input: JudgeAgainstControlsInput): ControlJudgement {
  // 1. Input.
  check(input);
  const { metric, trained, controls, margin, higherIsBetter, interval } = input;
  // 2. Gaps: how far the trained value (and the interval's near end) lies beyond each control.
  const sign = higherIsBetter ? 1 : -1;
  const gaps = controls.map((c) => sign * (trained - c.value));
  const nearEnd = interval === undefined ? undefined : higherIsBetter ? interval.lower : interval.upper;
  const strongest = gaps.indexOf(Math.min(...gaps));
  const achieved = gaps[strongest]!;
  // 3. Failures, each stated with its numbers.
  const failures: string[] = [];
  const at = (c: ControlValue) => `${c.label} at ${round4(c.value)}`;
  controls.forEach((c, i) => {
    const gap = gaps[i]!;
    if (gap < 0) failures.push(`${at(c)} beats it by ${round4(-gap)}`);
    else if (gap === 0) failures.push(`${at(c)} ties it`);
    else if (gap < margin) failures.push(`it beats ${at(c)} by only ${round4(gap)}`);
  });
  const unbeaten = nearEnd === undefined ? [] : controls.filter((c) => !(sign * (nearEnd - c.value) > 0));
  if (nearEnd !== undefined && unbeaten.length > 0)
    failures.push(
      `the interval's ${higherIsBetter ? 'lower' : 'upper'} end ${round4(nearEnd)} does not beat ${unbeaten.map(at).join(', ')}`,
    );
  // 4. The reason.
  const shownInterval =
    interval === undefined
      ? ''
      : ` (${round4(100 * interval.level)}% bootstrap interval ${round4(interval.lower)} to ${round4(interval.upper)})`;
  const head =
    `${metric}: trained ${round4(trained)}${shownInterval} vs ${controls.map((c) => `${c.label} ${round4(c.value)}`).join(', ')}; ` +
    `required margin ${round4(margin)} (${higherIsBetter ? 'higher' : 'lower'} is better).`;
  const holds = failures.length === 0;
  const tail = holds
    ? ` It beats every control by at least ${round4(margin)}: by ${round4(achieved)} over the strongest, ${controls[strongest]!.label}${nearEnd === undefined ? '' : `, and the interval's ${higherIsBetter ? 'lower' : 'upper'} end beats every control`}.`
    : ` It does not beat every control: ${failures.join('; ')}.`;
  const evidence: ControlEvidence = {
    metric,
    trained: round4(trained),
    controls: controls.map((c) => ({ label: c.label, value: round4(c.value) })),
    requiredMargin: round4(margin),
    margin: round4(achieved),
    higherIsBetter,
    holds,
  };
  return {
    status: holds ? 'holds' : 'does-not-hold',
    reason: head + tail,
    margin: round4(achieved),
    evidence,
  };
}
