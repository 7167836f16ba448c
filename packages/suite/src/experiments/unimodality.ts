/** Erhan et al. 2009: a deep unit's optimum is found reliably from every random start (unimodality), against nulls. */
import { controlComparison, imageGallery } from '@openbox/charts';
import { imagesToPng, type ImageModel } from '@openbox/cnn-vis';
import type { Experiment, ExperimentContext, ExperimentOutput } from '../experiment.js';
import { cnnSetup, isConvLayer } from './cnn-setup.js';
import { whenApplicable, withSetupLabels } from './not-applicable.js';
import { setupControls } from './setup-models.js';
import { deepUnits, unitLabel } from './cnn-units.js';
import { assertFiniteMetrics } from './finite-guards.js';
import { galleryOf, round4 } from './image-rows.js';
import {
  measureUnit,
  NEAR_OPTIMAL_GAP,
  SIMILARITY_MARGIN,
  type UnitMeasurement,
} from './unimodality-unit.js';

/** Adam's learning rate on the pixel logits (0.05, Lucid's, left the logit optima 20% apart after 128 steps). */
export const UNIMODALITY_LEARNING_RATE = 0.1;

/** The model under study, when it is not `cnnSetup`'s (a test passes a control network here). */
export interface UnimodalityModel {
  readonly adapter: ImageModel;
  readonly modelLabel: string;
}

const slug = (unit: UnitMeasurement['unit']) =>
  unitLabel(unit)
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase();

/**
 * The experiment on any model of MNIST's input shape. Null: the likeness of a unit's optima comes from the optimizer
 * and its prior, not from the unit. Per unit (`deepUnits`), from `starts` uniform-noise images (pixel space, per-item
 * transforms; 4 × 64 steps quick, 8 × 256 full) the claim holds only if the optima's mean pairwise correlation beats,
 * by {@link SIMILARITY_MARGIN}, (a) the cross-unit null — optima of the next channel from the same starts — and
 * (b) the same unit of each of 3 re-initialized copies (`controlModels`); if (c) the optima reach activations within
 * {@link NEAR_OPTIMAL_GAP} of each other; and if (d) a diversity search (Olah et al. 2017) finds no two near-optimal
 * images less alike than the cross-unit null. Every unit must hold.
 */
export async function runUnimodalityExperiment(
  ctx: ExperimentContext,
  model?: UnimodalityModel,
): Promise<ExperimentOutput> {
  // 1. Model, units, controls, budgets.
  const { adapter, modelLabel } = model ?? (await cnnSetup(ctx));
  const dataLabel = model === undefined ? (await cnnSetup(ctx)).dataLabel : 'none (optima from noise)';
  const convLayers = adapter.layers().filter(isConvLayer);
  const units = deepUnits({ convLayers, adapter }, ctx.quick);
  const controls = await setupControls(ctx, { adapter, modelLabel, dataLabel });
  const [h, w, c] = adapter.inputShape;
  // Full: 6 starts × 192 steps for 3 units on the model and its 3 controls, plus the diversity search (8 × 256 took
  // 99 s of the full suite's 5-minute budget).
  const starts = ctx.quick ? 4 : 6;
  const steps = ctx.quick ? 64 : 192;
  const diversityLayer = convLayers[0]!.name;
  // 2. Each unit: its seed, its optima, the nulls, the diversity search.
  const measured: UnitMeasurement[] = [];
  for (const [i, unit] of units.entries()) {
    ctx.progress(i, units.length, unitLabel(unit));
    const budget = { starts, steps, learningRate: UNIMODALITY_LEARNING_RATE, seed: ctx.rng.tfSeed() };
    measured.push(measureUnit(adapter, controls, unit, diversityLayer, budget));
  }
  // 3. Metrics (finite only) and the verdict.
  const metrics: Record<string, number | string | boolean> = {
    model: modelLabel,
    starts,
    steps,
    learningRate: UNIMODALITY_LEARNING_RATE,
    units: units.length,
    requiredMargin: SIMILARITY_MARGIN,
    nearOptimalGap: NEAR_OPTIMAL_GAP,
    diversityLayer,
  };
  for (const m of measured) {
    const u = unitLabel(m.unit);
    const values: Record<string, number> = {
      startCorrelation: m.report.startSimilarity.mean,
      optimaCorrelation: m.report.withinUnit.mean,
      crossUnitCorrelation: m.report.crossUnit!.mean,
      ...Object.fromEntries(
        m.controls.map((c, k) => [`control${k + 1}Correlation`, c.report.withinUnit.mean]),
      ),
      activationGap: m.report.activationGap,
      diversityNearOptimal: m.diversity.nearOptimal.length,
      diversityMinNearCorrelation: m.diversity.minNearCorrelation ?? Number.NaN,
    };
    if (m.diversity.minNearCorrelation === undefined) delete values['diversityMinNearCorrelation'];
    assertFiniteMetrics('unimodality', `unit '${u}'`, values);
    for (const [k, v] of Object.entries(values)) metrics[`${u} ${k}`] = Number.isInteger(v) ? v : round4(v);
    metrics[`${u} nullUnit`] = unitLabel(m.nullUnit);
    metrics[`${u} observedMargin`] = m.similarity.margin;
    metrics[`${u} multimodal`] = m.diversity.multimodal;
    metrics[`${u} holds`] = m.holds;
  }
  const holding = measured.filter((m) => m.holds).length;
  metrics['unimodalUnits'] = holding;
  const reason =
    `${holding} of ${units.length} units hold. ` +
    measured
      .map((m) => {
        const u = unitLabel(m.unit);
        const d = m.diversity;
        return (
          `${m.similarity.reason} Starts' own correlation ${metrics[`${u} startCorrelation`]}; activation gap ` +
          `${metrics[`${u} activationGap`]} (limit ${NEAR_OPTIMAL_GAP}${m.gapHolds ? '' : ', exceeded'}). Diversity search: ` +
          `${d.nearOptimal.length} of ${starts} images within ${NEAR_OPTIMAL_GAP} of the best` +
          (d.minNearCorrelation === undefined
            ? ''
            : `, least alike pair ${metrics[`${u} diversityMinNearCorrelation`]} vs cross-unit ${metrics[`${u} crossUnitCorrelation`]}`) +
          ` — ${d.multimodal ? 'clearly different near-optimal images: multimodal' : 'no clearly different near-optimal pair'}.`
        );
      })
      .join(' ');
  // 4. Charts and images.
  const gallery = (id: string, title: string, images: Float32Array, label: (s: number) => string) => ({
    id,
    title,
    spec: imageGallery(galleryOf(images, starts, h, w, label, c), {
      title,
      columns: starts,
      cellSize: 4,
      scale: 'sequential',
      sharedScale: false,
    }),
  });
  return {
    metrics,
    verdict: {
      status: holding === units.length ? 'holds' : 'does-not-hold',
      reason,
      evidence: measured.map((m) => m.similarity.evidence),
    },
    charts: measured.flatMap((m) => {
      const u = unitLabel(m.unit);
      const strongest = Math.max(...m.similarity.evidence.controls.map((c) => c.value));
      return [
        {
          id: `controls-${slug(m.unit)}`,
          title: `Mean pairwise correlation of the optima of ${u}: model vs nulls`,
          spec: controlComparison(
            [
              {
                label: 'model',
                value: metrics[`${u} optimaCorrelation`] as number,
                role: 'trained' as const,
              },
              ...m.similarity.evidence.controls.map((c) => ({ ...c, role: 'control' as const })),
            ],
            {
              valueTitle: 'mean pairwise correlation of optima',
              threshold: round4(strongest + SIMILARITY_MARGIN),
              thresholdLabel: `strongest null + ${SIMILARITY_MARGIN}`,
            },
          ),
        },
        gallery(`starts-${slug(m.unit)}`, `Starts of ${u}`, m.report.startImages, (s) => `start ${s}`),
        gallery(`optima-${slug(m.unit)}`, `Optima of ${u}`, m.report.images, (s) => `start ${s}`),
        gallery(
          `null-${slug(m.unit)}`,
          `Optima of ${unitLabel(m.nullUnit)}`,
          m.report.nullImages[0]!,
          (s) => `start ${s}`,
        ),
        ...m.controls.map((c, k) =>
          gallery(
            `control${k + 1}-${slug(m.unit)}`,
            `Optima of ${u}, ${c.label}`,
            c.report.images,
            (s) => `start ${s}`,
          ),
        ),
        gallery(
          `diversity-${slug(m.unit)}`,
          `Diversity search on ${u}`,
          m.diversity.images,
          (s) => `image ${s}`,
        ),
      ];
    }),
    artifacts: measured.map((m) => ({
      file: `optima-${slug(m.unit)}.png`,
      title: `Optima of ${unitLabel(m.unit)}`,
      png: imagesToPng(m.report.images, [starts, h, w, c], { scale: h > 64 ? 1 : 3, columns: starts }),
    })),
  };
}

export const unimodality: Experiment = {
  id: 'unimodality',
  title: "Is a deep unit's optimum unimodal?",
  claim:
    "Optimizing a deep unit from different random starts finds essentially the same image each time (Erhan et al. 2009): the optima of a unit correlate more — by 0.1 — than optima of two different units and than the same unit's in 3 re-initialized networks, reach activations within 10% of each other, and a diversity search finds no clearly different near-optimal image.",
  studiesModel: true,
  run: whenApplicable(async (ctx) =>
    withSetupLabels(await cnnSetup(ctx), await runUnimodalityExperiment(ctx)),
  ),
};
