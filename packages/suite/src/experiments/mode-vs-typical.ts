/** DeltaIV's objection: the optimum of a unit is a mode — it beats every real digit yet is not a typical digit. */
import {
  bandQuantile,
  imagesToPng,
  modeVsTypical as measureModeVsTypical,
  pcaLogDensity,
  percentileInBand,
  typicalityBand,
  type ImageModel,
  type ModeVsTypicalReport,
  type Unit,
} from '@openbox/cnn-vis';
import { judgeAgainstControls, type ControlJudgement } from '../controls/judge-against-controls.js';
import type { Experiment, ExperimentContext, ExperimentOutput } from '../experiment.js';
import { cnnSetup } from './cnn-setup.js';
import { requireApplicable, whenApplicable, withSetupLabels } from './not-applicable.js';
import { setupControls } from './setup-models.js';
import { deepUnits, unitLabel } from './cnn-units.js';
import { round4 } from './image-rows.js';
import { modeVsTypicalCharts } from './mode-vs-typical-charts.js';
import {
  DENSITY_COMPONENTS,
  RBF_SIGMA,
  rbfControl,
  referenceImages,
  trainingDensity,
} from './mode-vs-typical-controls.js';

/**
 * Nats by which the real digits' 1st-percentile log-density must exceed grey, noise and the start image, and by which
 * an optimum must fall below it (and below the RBF control's optimum). Measured at seed 0, quick (density of 1,000
 * training digits, 1,000 test digits): the real digits' 1st percentile −56.7, median 404, 99th 685; grey −2,304, the
 * start image −2,312, noise −4,054; the reference CNN's optima −4,794 (logit 3) and −5,426 (conv2:pre:0); the RBF
 * control's optimum 228.7 (15.2nd percentile; its centre, training row 1027, at 350.5). 100 nats (a likelihood ratio of e^100) is a seventh of the real band's
 * p1–p99 width, yet under a twentieth of every measured gap. Re-initialized copies' optima also lie far below the band
 * (−3,049 to −5,777): the claim is about optimization, not about what was learned, so they are reported, not judged.
 */
export const LOG_DENSITY_MARGIN = 100;

/** One unit under study and the model it belongs to. */
export interface StudiedUnit {
  readonly adapter: ImageModel;
  readonly unit: Unit;
  readonly label: string;
}

/** Options of {@link runModeVsTypicalExperiment}. */
export interface ModeVsTypicalRunOptions {
  /** The units under study. Default: `deepUnits` of the model under study (logit 3, conv2:pre:0; full: + conv2:pre:1). */
  readonly studied?: readonly StudiedUnit[];
  /** Study the RBF control unit itself (its optimum is a real digit: the claim must not hold). Default false. */
  readonly studyRbfControl?: boolean;
}

/**
 * The null it runs: that optimization returns typical images. It holds only when (1) the density ranks the least
 * typical 1% of real test digits above flat grey, uniform noise and the start image by {@link LOG_DENSITY_MARGIN} —
 * the density is not fooled by them; (2) the optimum of an RBF unit centred on a typical real digit lies above that
 * 1st percentile — the renderer can return a typical image when the optimum is one; and for every unit (3) its
 * optimum activates it more than every compared real digit and (4) its log-density lies below both the real 1st
 * percentile and the RBF optimum's by the margin. The same unit of each re-initialized copy is measured and reported.
 */
export async function runModeVsTypicalExperiment(
  ctx: ExperimentContext,
  options: ModeVsTypicalRunOptions = {},
): Promise<ExperimentOutput> {
  // 1. Model, data, the density of training digits and the band of real test digits.
  const setup = await cnnSetup(ctx);
  requireApplicable(
    setup,
    setup.data === 'mnist',
    `The "typical image" side of the claim is calibrated on MNIST digits: the density of real images is a PCA-Gaussian of 1,000–4,000 training digits (${DENSITY_COMPONENTS} components) and the RBF control unit's width σ = ${RBF_SIGMA} is set from the digits' nearest-neighbour distance; on ${setup.dataLabel} (${setup.train.shape[0]} training images) neither calibration exists.`,
  );
  const steps = ctx.quick ? 128 : 256;
  const limit = ctx.quick ? 1000 : 2000;
  const density = trainingDensity(setup.train, ctx.quick ? 1000 : 4000);
  const band = typicalityBand(density, setup.test.features, limit);
  const p1 = bandQuantile(band, 0.01);
  const seed = ctx.rng.tfSeed();
  const render = { steps, limit, seed, density };
  const logp = (image: Float32Array) => pcaLogDensity(density, image, 1)[0]!;
  // 2. What atypical looks like, and whether the density says so.
  const references = referenceImages(setup.adapter, ctx.rng.fork('noise'), seed).map((r) => ({
    ...r,
    value: logp(r.image),
  }));
  const densityCheck = judgeAgainstControls({
    metric: "log-density (nats) of the real test digits' 1st percentile vs reference images",
    trained: p1,
    controls: references,
    margin: LOG_DENSITY_MARGIN,
    higherIsBetter: true,
  });
  // 3. The RBF control unit: its optimum must come out typical.
  const rbf = rbfControl(setup.train, density);
  try {
    ctx.progress(0, 3, 'RBF control unit');
    const rbfReport = measureModeVsTypical(rbf.adapter, rbf.unit, setup.test, render);
    // Margin 0: "inside the band" is all the control asks. Its optimum does not reach d (transformation robustness
    // blurs it: L2 4–5.7 from d at 128 steps) and loses density: d's percentile 55 → 15–27 for the median digit; a
    // digit at the 31st percentile fell to 0.1 at 256 steps, so the centre is chosen typical (the median), and stated.
    const rbfCheck = judgeAgainstControls({
      metric: "log-density (nats) of the RBF control unit's optimum vs the real digits' 1st percentile",
      trained: rbfReport.logDensity,
      controls: [{ label: 'real 1st percentile', value: p1 }],
      margin: 0,
      higherIsBetter: true,
    });
    // 4. The units under study, and each one's claim.
    const studied: readonly StudiedUnit[] = options.studyRbfControl
      ? [{ adapter: rbf.adapter, unit: rbf.unit, label: 'rbf:0' }]
      : (options.studied ??
        deepUnits(setup, ctx.quick).map((unit) => ({
          adapter: setup.adapter,
          unit,
          label: unitLabel(unit),
        })));
    const reports: ModeVsTypicalReport[] = [];
    const claims: ControlJudgement[] = [];
    for (const s of studied) {
      ctx.progress(1, 3, s.label);
      const r = s.unit === rbf.unit ? rbfReport : measureModeVsTypical(s.adapter, s.unit, setup.test, render);
      reports.push(r);
      claims.push(
        judgeAgainstControls({
          metric: `activation of ${s.label}: its optimum vs the best of ${limit} real digits`,
          trained: r.optimizedActivation,
          controls: [{ label: `best real digit (#${r.bestRealIndex})`, value: r.bestRealActivation }],
          // The claim's own words, "more than every real digit": margin 0 (a tie never holds). Units differ in scale.
          margin: 0,
          higherIsBetter: true,
        }),
        judgeAgainstControls({
          metric: `log-density (nats) of the optimum of ${s.label}`,
          trained: r.logDensity,
          controls: [
            { label: 'real 1st percentile', value: p1 },
            { label: 'RBF control optimum', value: rbfReport.logDensity },
          ],
          margin: LOG_DENSITY_MARGIN,
          higherIsBetter: false,
        }),
      );
    }
    // 5. The re-initialized copies: the first unit of the model under study (every unit when not quick), reported.
    ctx.progress(2, 3, 're-initialized controls');
    const controls = await setupControls(ctx, setup);
    const controlUnits = deepUnits(setup, ctx.quick).slice(0, ctx.quick ? 1 : undefined);
    const controlReports = controls.flatMap((c) =>
      controlUnits.map((unit) => ({
        label: `${c.label} ${unitLabel(unit)}`,
        report: measureModeVsTypical(c.adapter, unit, setup.test, render),
      })),
    );
    // 6. Verdict, metrics, charts.
    const judged = [densityCheck, rbfCheck, ...claims];
    const holds = judged.every((j) => j.status === 'holds');
    const metrics: Record<string, number | string | boolean> = {
      steps,
      comparedDigits: limit,
      densityRows: density.rows,
      densityComponents: density.components,
      residualVariance: round4(density.residualVariance),
      realLogDensityP1: round4(p1),
      realLogDensityMedian: round4(bandQuantile(band, 0.5)),
      realLogDensityP99: round4(bandQuantile(band, 0.99)),
      requiredMargin: LOG_DENSITY_MARGIN,
      ...Object.fromEntries(
        references.flatMap((r) => [
          [`${r.label} logDensity`, round4(r.value)],
          [`${r.label} percentile`, round4(percentileInBand(band, r.value))],
        ]),
      ),
      rbfCentreRow: rbf.row,
      rbfCentreLogDensity: round4(rbf.centreLogDensity),
      rbfCentrePercentile: round4(percentileInBand(band, rbf.centreLogDensity)),
      rbfOptimizedActivation: round4(rbfReport.optimizedActivation),
      rbfLogDensity: round4(rbfReport.logDensity),
      rbfPercentile: round4(rbfReport.percentile),
      units: studied.length,
      atypicalUnits: studied.filter(
        (_, i) => claims[2 * i]!.status === 'holds' && claims[2 * i + 1]!.status === 'holds',
      ).length,
    };
    studied.forEach((s, i) => {
      const r = reports[i]!;
      metrics[`${s.label} optimizedActivation`] = round4(r.optimizedActivation);
      metrics[`${s.label} bestRealActivation`] = round4(r.bestRealActivation);
      metrics[`${s.label} logDensity`] = round4(r.logDensity);
      metrics[`${s.label} percentile`] = round4(r.percentile);
    });
    for (const c of controlReports) {
      metrics[`${c.label} optimizedActivation`] = round4(c.report.optimizedActivation);
      metrics[`${c.label} bestRealActivation`] = round4(c.report.bestRealActivation);
      metrics[`${c.label} logDensity`] = round4(c.report.logDensity);
      metrics[`${c.label} percentile`] = round4(c.report.percentile);
    }
    const reason =
      `${judged.map((j) => j.reason).join(' ')} Reported, not judged: on the re-initialized copies the optima ` +
      `${controlReports.map((c) => `${c.label} at ${round4(c.report.logDensity)} (percentile ${round4(c.report.percentile)})`).join(', ')}.`;
    return {
      metrics,
      verdict: { status: holds ? 'holds' : 'does-not-hold', reason, evidence: judged.map((j) => j.evidence) },
      charts: modeVsTypicalCharts({
        studied,
        reports,
        references,
        rbfReport,
        controlReports,
        p1,
        margin: LOG_DENSITY_MARGIN,
        test: setup.test.features,
      }),
      artifacts: [
        {
          file: 'optima.png',
          title: 'Optimized images (units under study, then the RBF control)',
          png: imagesToPng(
            Float32Array.from([...reports, rbfReport].flatMap((r) => Array.from(r.image))),
            [reports.length + 1, 28, 28, 1],
            { scale: 4, columns: reports.length + 1 },
          ),
        },
      ],
    };
  } finally {
    rbf.dispose();
  }
}

export const modeVsTypical: Experiment = {
  id: 'mode-vs-typical',
  title: 'The optimized image is a mode, not a typical digit',
  claim:
    "A unit's optimum activates it more than every real digit yet its log-density under a PCA-Gaussian of training digits lies below the real test digits' 1st percentile (by 100 nats), while the density ranks real digits above grey, noise and the start image and an RBF unit centred on a real digit gets a typical optimum: the mode of a high-dimensional distribution is not a typical sample.",
  studiesModel: true,
  run: whenApplicable(async (ctx) =>
    withSetupLabels(await cnnSetup(ctx), await runModeVsTypicalExperiment(ctx)),
  ),
};
