/** Lugi's "that's where adversarial examples reside": the smallest PGD perturbation that flips the CNN vs logistic regression. */
import type { ImageModel } from '@openbox/cnn-vis';
import type { Experiment, ExperimentContext, ExperimentOutput } from '../experiment.js';
import { FULL_BUDGET, QUICK_BUDGET, type AdversarialBudget } from './adversarial-budget.js';
import { adversarialOutput } from './adversarial-output.js';
import { SuiteError } from '../suite-error.js';
import { cnnSetup } from './cnn-setup.js';
import { lrBaseline } from './lr-baseline.js';
import { lrLogits } from './lr-logits.js';
import { NotApplicableError, requireApplicable, whenApplicable, withSetupLabels } from './not-applicable.js';
import { setupControls } from './setup-models.js';
import { measureAdversarial } from './measure-adversarial.js';

/** Options of {@link runAdversarialExperiment}. */
export interface AdversarialOptions {
  /** The model under study. Default: `cnnSetup(ctx)`'s (the reference CNN or `--model`). */
  readonly model?: { readonly adapter: ImageModel; readonly label: string };
  /** Default {@link QUICK_BUDGET} when `ctx.quick`, else {@link FULL_BUDGET}. */
  readonly budget?: AdversarialBudget;
}

/**
 * The experiment for any 28×28 classifier. Null hypotheses, each run: (a) random perturbations — along one random
 * direction per digit the radius that flips the CNN is as small as PGD's, and at PGD's median radius random noise
 * flips as often; (b) the re-initialized copies (`controlModels`) are as hard to flip, i.e. training did not move the
 * boundary away from the digits; (c) the data's own scale — the nearest test digit of another class is as close as
 * the adversarial image. Holds when, in both norms, the CNN's median adversarial radius is ≥ 2× below (a) and (c),
 * ≥ 2× above every copy in (b), and random noise at that radius flips ≤ 5% of draws. CNN vs LR is reported only.
 */
export async function runAdversarialExperiment(
  ctx: ExperimentContext,
  options: AdversarialOptions = {},
): Promise<ExperimentOutput> {
  // 1. The model under study, its controls, LR and the test digits.
  const setup = await cnnSetup(ctx);
  const model = options.model ?? { adapter: setup.adapter, label: setup.modelLabel };
  const labels = { modelLabel: model.label, dataLabel: setup.dataLabel };
  requireApplicable(
    labels,
    ctx.images === undefined || ctx.images.scale === '0-1',
    `PGD and the random perturbations stay inside the pixel box [0, 1] of --scale 0-1; with --scale ${ctx.images?.scale} the inputs' valid range is another box, which the attack does not model.`,
  );
  const controls = await setupControls(ctx, { adapter: model.adapter, ...labels });
  const budget = options.budget ?? (ctx.quick ? QUICK_BUDGET : FULL_BUDGET);
  const lr = lrLogits(lrBaseline(ctx, setup));
  // 2. Measurements, then the verdict and charts.
  let m;
  try {
    m = await measureAdversarial({
      adapter: model.adapter,
      modelLabel: model.label,
      lr: lr.logits,
      controls,
      test: setup.test,
      budget,
      rng: ctx.rng,
      progress: ctx.progress,
    });
  } catch (error) {
    // The only argument error: too few test images that both models classify correctly (e.g. an untrained model).
    if (error instanceof SuiteError && error.code === 'invalid-argument')
      throw new NotApplicableError(labels, error.message);
    throw error;
  } finally {
    lr.dispose();
  }
  return withSetupLabels(labels, adversarialOutput(m, budget, model.label));
}

export const adversarialVsLogistic: Experiment = {
  id: 'adversarial-vs-logistic',
  title: 'Adversarial examples: the smallest perturbation that flips the CNN vs logistic regression',
  claim:
    'On test digits both models classify correctly, in L∞ and L2, the smallest PGD perturbation that flips the trained CNN is at least 2× smaller (median) than the perturbation along a random direction that flips it and than the distance to the nearest test digit of another class, random noise of that size flips at most 5% of draws, and it is at least 2× larger than for each re-initialized copy of the network; whether the CNN needs a larger or smaller ε than logistic regression is measured and reported.',
  studiesModel: true,
  run: whenApplicable((ctx) => runAdversarialExperiment(ctx)),
};
