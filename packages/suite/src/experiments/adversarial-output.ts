/** `adversarialOutput`: the adversarial experiment's metrics, verdict and charts from its measurements (no tensors). */
import type { ExperimentOutput } from '../experiment.js';
import { adversarialCharts } from './adversarial-charts.js';
import { quartiles, type AdversarialBudget } from './adversarial-budget.js';
import { round4 } from './image-rows.js';
import {
  boxExtent,
  judgeAdversarial,
  LOG2_RATIO_MARGIN,
  NORM_NAME,
  RANDOM_FLIP_MAX,
} from './judge-adversarial.js';
import type { AdversarialMeasurements } from './measure-adversarial.js';

const Norm = { linf: 'Linf', l2: 'L2' } as const;

/**
 * Holds when, in both norms, {@link judgeAdversarial}'s two comparisons hold and random noise at the CNN's median
 * adversarial radius flips at most {@link RANDOM_FLIP_MAX} of its draws. Metrics: median and quartiles of every
 * radius (`cnnMedianL2`, `lrQ1Linf`, …, with censored counts), each control's median, the random flip fraction, the
 * observed log₂ margins and whether the CNN needs a larger ε than LR. The reason states each of those numbers.
 */
export function adversarialOutput(
  m: AdversarialMeasurements,
  budget: AdversarialBudget,
  modelLabel: string,
): ExperimentOutput {
  const judged = judgeAdversarial(m, budget);
  const holds = judged.every(
    (j) => j.special.status === 'holds' && j.learned.status === 'holds' && j.randomFlipSmall,
  );
  // 2. Metrics: the quartiles of every radius, and CNN vs LR.
  const metrics: Record<string, number | string | boolean> = {
    model: modelLabel,
    digits: m.labels.length,
    bisections: budget.bisections,
    steps: budget.steps,
    stepFraction: budget.stepFraction,
    restarts: budget.restarts,
    randomDraws: budget.draws,
    requiredLog2Margin: LOG2_RATIO_MARGIN,
    randomFlipMax: RANDOM_FLIP_MAX,
  };
  const sentences: string[] = [];
  for (const j of judged) {
    const norm = j.norm;
    const N = Norm[norm];
    const put = (key: string, values: ArrayLike<number>, cap: number) => {
      const q = quartiles(values, cap);
      Object.assign(metrics, {
        [`${key}Median${N}`]: round4(q.median),
        [`${key}Q1${N}`]: round4(q.q1),
        [`${key}Q3${N}`]: round4(q.q3),
        [`${key}Censored${N}`]: q.censored,
      });
      return q;
    };
    metrics[`cap${N}`] = budget.cap[norm];
    const cnn = put('cnn', m.cnn[norm].epsilon, budget.cap[norm]);
    const lrq = put('lr', m.lr[norm].epsilon, budget.cap[norm]);
    const random = put('randomDirection', m.randomRadius[norm], boxExtent(norm, m.shape));
    const nearest = put('nearestOtherClass', m.nearest[norm], Infinity);
    m.controls.forEach((c, i) => {
      metrics[`control${i + 1}Seed`] = c.seed;
      metrics[`control${i + 1}Median${N}`] = round4(
        quartiles(c.epsilon[norm], boxExtent(norm, m.shape)).median,
      );
    });
    const larger = m.cnn[norm].epsilon.filter((e, i) => e > m.lr[norm].epsilon[i]!).length;
    Object.assign(metrics, {
      [`randomFlipFraction${N}`]: round4(m.randomFraction[norm]),
      [`cnnNeedsLargerThanLr${N}`]: cnn.median > lrq.median,
      [`digitsCnnLarger${N}`]: larger,
      [`specialObservedMargin${N}`]: j.special.margin,
      [`learnedObservedMargin${N}`]: j.learned.margin,
    });
    sentences.push(
      `${NORM_NAME[norm]}: median minimal radius CNN ${round4(cnn.median)} (quartiles ${round4(cnn.q1)}–${round4(cnn.q3)}), ` +
        `LR ${round4(lrq.median)} (${round4(lrq.q1)}–${round4(lrq.q3)}): the CNN needs a ${cnn.median > lrq.median ? 'larger' : cnn.median < lrq.median ? 'smaller' : 'equal'} ε (larger on ${larger} of ${m.labels.length} digits); ` +
        `random direction ${round4(random.median)}, nearest other-class digit ${round4(nearest.median)}; ` +
        `random noise at ${round4(cnn.median)} flips ${round4(m.randomFraction[norm])} of ${budget.draws * m.labels.length} draws (at most ${RANDOM_FLIP_MAX} allowed). ` +
        `${j.special.reason} ${j.learned.reason}`,
    );
  }
  // 3. Verdict, charts, images.
  const reason =
    `On ${m.labels.length} test digits both models classify correctly (PGD: ${budget.bisections} halvings of [0, cap], ${budget.steps} steps of ${budget.stepFraction}·ε, ${budget.restarts} restart${budget.restarts > 1 ? 's' : ''}). ` +
    sentences.join(' ');
  const { charts, artifacts } = adversarialCharts(m, judged);
  return {
    metrics,
    verdict: {
      status: holds ? 'holds' : 'does-not-hold',
      reason,
      evidence: judged.flatMap((j) => [j.special.evidence, j.learned.evidence]),
    },
    charts,
    artifacts,
  };
}
