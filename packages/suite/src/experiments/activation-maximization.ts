/**
 * Activation maximization (Erhan et al. 2009; Olah et al. 2017) judged by an independently trained CNN: are the
 * images that maximize the class logits of the model under study recognizable as their classes?
 *
 * Null: the same renderer run on networks that learned nothing about digits — the 3 re-initialized copies of the model
 * under study (`controlModels`) and the reference architecture trained on shuffled labels — gives optima the judge
 * recognizes as often. The verdict holds only when the judge (the reference recipe with seed 1 on another split)
 * recognizes the trained net's optima more often than every control's, by {@link CLASS_OPTIMA_MARGIN}, and the lower
 * end of a bootstrap interval over classes beats every control too. A net judging its own optima is circular (an
 * untrained net "recognizes" most of its own), so that number is reported, never used; so is "every objective rose",
 * which gradient ascent from grey guarantees.
 */
import type { ImageModel } from '@openbox/cnn-vis';
import { bootstrapMeanInterval } from '../controls/bootstrap-mean.js';
import { judgeAgainstControls } from '../controls/judge-against-controls.js';
import { trainedControl } from '../controls/trained-controls.js';
import type { Experiment, ExperimentContext, ExperimentOutput } from '../experiment.js';
import { activationMaximizationCharts } from './activation-maximization-charts.js';
import { renderChannelOptima } from './channel-optima.js';
import { judgeOptima, renderClassOptima, type ClassOptima, type OptimaJudgement } from './class-optima.js';
import { cnnSetup, isConvLayer } from './cnn-setup.js';
import { requireApplicable, whenApplicable, withSetupLabels } from './not-applicable.js';
import { setupControls } from './setup-models.js';
import { round4 } from './image-rows.js';

/**
 * How far the judge's recognition rate of the trained net's class optima must lie above every control's. Measured at
 * the quick budget (20 optima per net) on run seeds 0–2: the reference CNN 0.80–0.85 (bootstrap lower end 0.50–0.65);
 * its 12 controls 0–0.25 (the re-initialized copies 0–0.25, the shuffled-label net 0.15–0.2; chance is 0.1), so the
 * gap over the strongest control is 0.6 each time. A control's rate has binomial SD ≈ 0.067 at chance over 20 optima,
 * so the difference of two chance-level nets has SD ≈ 0.095: 0.3 is ≈ 3 of those SDs — an untrained net under study
 * does not clear it by luck — and half the measured gap, so the trained net clears it with room.
 */
export const CLASS_OPTIMA_MARGIN = 0.3;
/**
 * Optima per class and Adam steps: quick 2 × 64, full 3 × 256 (half Lucid's default 512: five nets are rendered, and
 * the full suite must stay under 5 minutes; 128 steps already gave 0.85 vs ≤ 0.15 at seed 0).
 */
export const CLASS_OPTIMA_BUDGET = {
  quick: { starts: 2, steps: 64 },
  full: { starts: 3, steps: 256 },
} as const;
/** Resamples of the bootstrap over the 10 classes (cheap: 10 values). */
const BOOTSTRAP_RESAMPLES = 2000;

/** The network whose class optima are judged. */
export interface StudiedModel {
  readonly adapter: ImageModel;
  /** As the metrics name it, e.g. `reference MNIST CNN (test accuracy 98.9%)`. */
  readonly label: string;
}

/** One network's class optima, judged by the judge and by the network itself. */
export interface JudgedOptima {
  readonly label: string;
  readonly role: 'trained' | 'control';
  readonly optima: ClassOptima;
  readonly judged: OptimaJudgement;
  /** The network's own classification of its optima (circular; reported only). */
  readonly self: OptimaJudgement;
}

/** Options of {@link runActivationMaximization}. */
export interface ActivationMaximizationOptions {
  /** The network under study. Default: `cnnSetup`'s (the reference CNN, or `--model`). */
  readonly subject?: StudiedModel;
  /** Starts per class and steps, for every net alike. Default {@link CLASS_OPTIMA_BUDGET} (quick or full). */
  readonly budget?: { readonly starts: number; readonly steps: number };
}

/** What {@link runActivationMaximization} returns: the experiment's output and the optima it judged. */
export interface ActivationMaximizationRun {
  readonly output: ExperimentOutput;
  /** The model under study first, then its controls in the verdict's order. */
  readonly models: readonly JudgedOptima[];
}

/** The fraction recognized per class (the mean over the class's starts), for the bootstrap over classes. */
function perClassFraction(m: JudgedOptima): number[] {
  const starts = m.optima.targets.length / 10;
  return Array.from({ length: 10 }, (_, k) => {
    let hit = 0;
    for (let s = 0; s < starts; s++) if (m.judged.predicted[s * 10 + k] === k) hit++;
    return hit / starts;
  });
}

/**
 * The experiment on any 28×28×1 classifier with 10 logits (`options.subject`; default: `cnnSetup`'s model under
 * study — the reference CNN or `--model`), with its controls, the judge and the budget of {@link CLASS_OPTIMA_BUDGET}.
 */
export async function runActivationMaximization(
  ctx: ExperimentContext,
  options: ActivationMaximizationOptions = {},
): Promise<ActivationMaximizationRun> {
  // 1. The model under study, the judge and the controls.
  const setup = options.subject === undefined ? await cnnSetup(ctx) : undefined;
  const studied: StudiedModel = options.subject ?? { adapter: setup!.adapter, label: setup!.modelLabel };
  const labels = { modelLabel: studied.label, dataLabel: setup?.dataLabel ?? 'MNIST digits' };
  requireApplicable(
    labels,
    setup === undefined || setup.data === 'mnist',
    `The optima are judged by an independently trained classifier of the same classes (the judge) against a net trained on shuffled labels; the suite trains both only for MNIST digits, so on ${labels.dataLabel} there is no judge of these classes.`,
  );
  const convLayers = studied.adapter.layers().filter(isConvLayer);
  const judge = await trainedControl(ctx, 'judge');
  const shuffled = await trainedControl(ctx, 'shuffled-labels');
  const reinitialized = await setupControls(ctx, { adapter: studied.adapter, ...labels });
  const nets = [
    { label: 'trained', role: 'trained' as const, adapter: studied.adapter },
    ...reinitialized.map((c) => ({ label: c.label, role: 'control' as const, adapter: c.adapter })),
    { label: shuffled.label, role: 'control' as const, adapter: shuffled.adapter },
  ];
  // 2. Class optima of every net with the same budget and the same seed (same starts, same transforms), judged.
  const budget = {
    ...(options.budget ?? CLASS_OPTIMA_BUDGET[ctx.quick ? 'quick' : 'full']),
    seed: ctx.rng.tfSeed(),
  };
  const total = nets.length + convLayers.length;
  const models: JudgedOptima[] = nets.map((net, i) => {
    ctx.progress(i, total, `class optima: ${net.label}`);
    const optima = renderClassOptima(net.adapter, budget);
    return {
      label: net.label,
      role: net.role,
      optima,
      judged: judgeOptima(judge.adapter, optima.images, optima.targets),
      self: judgeOptima(net.adapter, optima.images, optima.targets),
    };
  });
  // 3. The verdict: the judge's recognition rate, trained vs every control, with a bootstrap over classes.
  const [trained, ...controls] = models as [JudgedOptima, ...JudgedOptima[]];
  const interval = bootstrapMeanInterval(perClassFraction(trained), {
    rng: ctx.rng.fork('bootstrap'),
    resamples: BOOTSTRAP_RESAMPLES,
  });
  const judged = judgeAgainstControls({
    metric: 'fraction of the class optima the independent judge CNN classifies as their class',
    trained: trained.judged.fraction,
    controls: controls.map((c) => ({ label: c.label, value: c.judged.fraction })),
    margin: CLASS_OPTIMA_MARGIN,
    higherIsBetter: true,
    interval,
  });
  // 4. Conv channels: images only.
  const layers = renderChannelOptima(studied.adapter, convLayers, budget.steps, ctx.rng, (i, name) =>
    ctx.progress(nets.length + i, total, `${name} channels`),
  );
  // 5. Metrics, reason, charts.
  const n = trained.optima.targets.length;
  const metrics = {
    model: studied.label,
    judge: judge.label,
    judgeTestAccuracy: judge.meta.testAccuracy,
    steps: budget.steps,
    startsPerClass: budget.starts,
    optimaPerModel: n,
    judgedRecognized: trained.judged.recognized,
    judgedFraction: round4(trained.judged.fraction),
    judgedFractionLower: round4(interval.lower),
    judgedFractionUpper: round4(interval.upper),
    judgedFractionLevel: interval.level,
    bootstrapResamples: interval.resamples,
    judgeMeanTargetProbability: round4(trained.judged.meanTargetProbability),
    selfJudgedFraction: round4(trained.self.fraction),
    ...Object.fromEntries(
      controls.flatMap((c, i) => [
        [`control${i + 1}Label`, c.label],
        [`control${i + 1}JudgedFraction`, round4(c.judged.fraction)],
        [`control${i + 1}JudgeMeanTargetProbability`, round4(c.judged.meanTargetProbability)],
        [`control${i + 1}SelfJudgedFraction`, round4(c.self.fraction)],
      ]),
    ),
    requiredMargin: CLASS_OPTIMA_MARGIN,
    observedMargin: judged.margin,
    classObjectivesRose: trained.optima.rose,
    channelObjectives: layers.reduce((a, l) => a + l.result.curve.length, 0),
    channelObjectivesRose: layers.reduce((a, l) => a + l.rose, 0),
  };
  const list = (key: (i: number) => string) =>
    controls.map((c, i) => `${c.label} ${metrics[key(i) as keyof typeof metrics]}`).join(', ');
  const reason =
    `${judged.reason} On ${n} optima per net (${budget.starts} starts × 10 classes, ${budget.steps} steps), the judge ` +
    `(test accuracy ${metrics.judgeTestAccuracy}) gives the target class a mean softmax probability of ` +
    `${metrics.judgeMeanTargetProbability} for the trained net vs ${list((i) => `control${i + 1}JudgeMeanTargetProbability`)}. ` +
    `Judged by the net that made them (circular, not evidence): trained ${metrics.selfJudgedFraction} vs ` +
    `${list((i) => `control${i + 1}SelfJudgedFraction`)}.`;
  return {
    output: {
      metrics,
      verdict: { status: judged.status, reason, evidence: [judged.evidence] },
      ...activationMaximizationCharts(models, layers, interval, CLASS_OPTIMA_MARGIN),
    },
    models,
  };
}

export const activationMaximization: Experiment = {
  id: 'activation-maximization',
  title: 'What each class and each conv channel responds to most',
  claim:
    'The images that maximize the class logits of the trained CNN are recognized as their classes by an independently trained CNN (other seed, other split) more often than the optima of the same architecture re-initialized and of a net trained on shuffled labels, by at least 0.3.',
  studiesModel: true,
  run: whenApplicable(async (ctx) =>
    withSetupLabels(await cnnSetup(ctx), (await runActivationMaximization(ctx)).output),
  ),
};
