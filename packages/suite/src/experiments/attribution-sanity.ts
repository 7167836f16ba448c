/**
 * Adebayo et al. 2018, "Sanity checks for saliency maps", per attribution method on the reference CNN and real MNIST
 * test digits. Claim per method: its maps depend on what the net learned. Null it must beat: the maps of an
 * independently trained net (the judge: other seed, other split) must be MORE like the model's maps than those of
 * each fully re-initialized copy of the model (model randomization, 3 seeds) and of the net trained on shuffled
 * labels (data randomization) — by {@link SANITY_MARGIN}, both in Spearman's ρ of |Φ| and in SSIM of normalized |Φ|.
 * A method that ignores the model (e.g. one returning the input) gives equal similarities everywhere and fails.
 * The cascade (layers redrawn from the top) is reported per method as a chart, not judged.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  guidedBackprop,
  inputXGradient,
  integratedGradients,
  saliency,
  smoothgrad,
} from '@openbox/attribution';
import type { ImageModel } from '@openbox/cnn-vis';
import { judgeAgainstControls, type ControlJudgement } from '../controls/judge-against-controls.js';
import { trainedControl } from '../controls/trained-controls.js';
import type { Experiment, ExperimentContext, ExperimentOutput } from '../experiment.js';
import { measureSanity, type SanityMeasurement, type SanityMethod } from './attribution-sanity-measure.js';
import { sanityCharts } from './attribution-sanity-charts.js';
import { cnnSetup } from './cnn-setup.js';
import { requireApplicable, whenApplicable, withSetupLabels } from './not-applicable.js';
import { setupControls } from './setup-models.js';

/** Why the claim needs MNIST: its reference is an independently trained net on the same task. */
export const SANITY_NEEDS_MNIST =
  "The claim compares the model's maps with an independently trained network's on the same task (the judge) and with a network trained on shuffled labels; the suite trains both only for MNIST digits, so on";
import { round4 } from './image-rows.js';

/**
 * How far the judge's similarity must lie above every control's (ρ of |Φ| and SSIM alike). Measured (quick, 8 digits,
 * seed 0): the 4 controls of one method differ from each other by at most 0.031 (integrated gradients' SSIM,
 * 0.723–0.754; ρ of |Φ| at most 0.017, guided backprop's), so that is what "a different random net" alone moves the
 * value by; 0.05 (1.6× that) asks the judge to be more alike than any two controls are apart. Measured gaps: guided
 * backprop 0.089 (ρ) / 0.215 (SSIM); saliency 0.011 / 0.102; input × gradient 0.001 / 0.009; integrated gradients
 * 0.001 / 0.016 — the input-multiplied maps are the digit's own ink whatever the net (ρ ≈ 0.99 for every control).
 * Full (32 digits): guided backprop 0.060 / 0.191, SmoothGrad 0.096 / 0.126 pass; saliency −0.007 / 0.102 (a control's
 * ρ beats the judge's), input × gradient 0.002 / 0.041 and integrated gradients 0.002 / 0.049 fail.
 */
export const SANITY_MARGIN = 0.05;

/** The methods examined, with cheap settings under the quick budget. */
export function sanityMethods(quick: boolean, seed: number): SanityMethod[] {
  const base: SanityMethod[] = [
    { label: 'saliency', explainer: saliency },
    { label: 'input-x-gradient', explainer: inputXGradient },
    { label: 'guided-backprop', explainer: guidedBackprop },
    {
      label: 'integrated-gradients',
      explainer: integratedGradients,
      methodOptions: { steps: quick ? 8 : 32 },
    },
  ];
  if (quick) return base;
  return [...base, { label: 'smoothgrad', explainer: smoothgrad, methodOptions: { samples: 16, seed } }];
}

/** Options of {@link runAttributionSanity}. */
export interface AttributionSanityOptions {
  /** The model under study. Default: the reference CNN (or the user's `--model`) from `cnnSetup`. */
  readonly adapter?: ImageModel;
  /** Its label. Default the `cnnSetup` label. */
  readonly modelLabel?: string;
  /** The methods examined. Default {@link sanityMethods}. */
  readonly methods?: readonly SanityMethod[];
}

/** The two judgements of one method: ρ of |Φ| and SSIM. */
function judgeMethod(m: SanityMeasurement): [ControlJudgement, ControlJudgement] {
  const judge = (metric: string, pick: (s: SanityMeasurement['judge']) => number) =>
    judgeAgainstControls({
      metric: `${m.label}: ${metric} of the model's maps with the judge's`,
      trained: pick(m.judge),
      controls: m.controls.map((c) => ({ label: c.label, value: pick(c.similarity) })),
      margin: SANITY_MARGIN,
      higherIsBetter: true,
    });
  return [judge("Spearman's ρ of |Φ|", (s) => s.meanRankAbs), judge('SSIM of |Φ|', (s) => s.meanSsim)];
}

/**
 * The experiment on any model: `n` seeded MNIST test digits (8 quick, 32 full), targets their true labels (logits).
 * @example const out = await runAttributionSanity(ctx, { methods: [{ label: 'input', explainer: (x) => x.clone() }] });
 */
export async function runAttributionSanity(
  ctx: ExperimentContext,
  options: AttributionSanityOptions = {},
): Promise<ExperimentOutput> {
  // 1. Model, digits, judge and controls.
  const setup = await cnnSetup(ctx);
  const adapter = options.adapter ?? setup.adapter;
  const modelLabel = options.modelLabel ?? setup.modelLabel;
  const setupLabels = { modelLabel, dataLabel: setup.dataLabel };
  requireApplicable(
    setupLabels,
    setup.data === 'mnist',
    `${SANITY_NEEDS_MNIST} ${setup.dataLabel} there is no judge of these classes.`,
  );
  const n = ctx.quick ? 8 : 32;
  const order = ctx.rng.shuffle(Array.from({ length: setup.test.shape[0]! }, (_, i) => i)).slice(0, n);
  const pixels = new Float32Array(n * 784);
  order.forEach((src, i) => pixels.set(setup.test.features.subarray(src * 784, (src + 1) * 784), i * 784));
  const labels = order.map((src) => setup.test.target[src]!);
  const judge = await trainedControl(ctx, 'judge');
  const shuffled = await trainedControl(ctx, 'shuffled-labels');
  const reinit = await setupControls(ctx, { adapter, ...setupLabels });
  const controls = [...reinit, { label: shuffled.label, adapter: shuffled.adapter }];
  // Guided backprop rewrites ReLU backward rules, which only a LayersModel's layers take.
  const methods = (options.methods ?? sanityMethods(ctx.quick, ctx.seed)).filter(
    (m) => adapter.kind === 'layers' || m.label !== 'guided-backprop',
  );
  // 2. Per method: similarities to the judge and the controls, and the cascade.
  const images = tf.tensor4d(pixels, [n, 28, 28, 1]);
  const measured: SanityMeasurement[] = [];
  try {
    methods.forEach((method, k) => {
      ctx.progress(k + 1, methods.length, `sanity checks of ${method.label}`);
      measured.push(measureSanity(method, adapter, judge, controls, images, labels, ctx.seed));
    });
  } finally {
    images.dispose();
  }
  // 3. Verdicts: every method, both similarities.
  const judged = measured.map(judgeMethod);
  const failing = measured.filter((_, k) => judged[k]!.some((j) => j.status !== 'holds'));
  const metrics: Record<string, number | string | boolean> = {
    model: modelLabel,
    digits: n,
    methods: measured.length,
    requiredMargin: SANITY_MARGIN,
    failingMethods: failing.length,
  };
  measured.forEach((m, k) => {
    const [rho, ssim] = judged[k]!;
    metrics[`${m.label}.judgeRankAbs`] = round4(m.judge.meanRankAbs);
    metrics[`${m.label}.judgeSsim`] = round4(m.judge.meanSsim);
    m.controls.forEach((c, i) => {
      metrics[`${m.label}.control${i + 1}RankAbs`] = round4(c.similarity.meanRankAbs);
      metrics[`${m.label}.control${i + 1}Ssim`] = round4(c.similarity.meanSsim);
    });
    metrics[`${m.label}.marginRankAbs`] = rho.margin;
    metrics[`${m.label}.marginSsim`] = ssim.margin;
    m.cascade.forEach((r) => (metrics[`${m.label}.cascade.${r.layer}.rankAbs`] = round4(r.rankAbs)));
  });
  const head =
    failing.length === 0
      ? `Every method examined (${measured.map((m) => m.label).join(', ')}) passes on ${n} digits.`
      : `${failing.length} of ${measured.length} methods fail on ${n} digits: ${failing
          .map((m) => {
            const [rho, ssim] = judged[measured.indexOf(m)]!;
            return `${m.label} (margin over the strongest control: ρ ${rho.margin}, SSIM ${ssim.margin}; required ${SANITY_MARGIN})`;
          })
          .join(', ')}.`;
  const reason = `${head} ${judged.flatMap((j) => j.map((x) => x.reason)).join(' ')}`;
  return {
    metrics,
    verdict: {
      status: failing.length === 0 ? 'holds' : 'does-not-hold',
      reason,
      evidence: judged.flatMap((j) => j.map((x) => x.evidence)),
    },
    charts: sanityCharts(measured, judged, pixels, labels, SANITY_MARGIN),
    artifacts: [],
  };
}

export const attributionSanity: Experiment = {
  id: 'attribution-sanity',
  title: 'Attribution maps depend on what the net learned (Adebayo et al. sanity checks)',
  claim:
    "For every attribution method examined, the reference CNN's maps of real digits are more like an independently trained CNN's maps than like those of 3 re-initialized copies and of a net trained on shuffled labels — Spearman's ρ of |Φ| and SSIM, each by at least 0.05.",
  studiesModel: true,
  run: whenApplicable(async (ctx) => withSetupLabels(await cnnSetup(ctx), await runAttributionSanity(ctx))),
};
