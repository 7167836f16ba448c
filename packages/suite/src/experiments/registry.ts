/** The suite's experiments: ids declared once; an id without an implementation is a type error. */
import type { Experiment } from '../experiment.js';
import { activationMaximization } from './activation-maximization.js';
import { adversarialVsLogistic } from './adversarial-vs-logistic.js';
import { attributionDeletion } from './attribution-deletion.js';
import { attributionLocalization } from './attribution-localization.js';
import { attributionSanity } from './attribution-sanity.js';
import { attributionVsLrTemplate } from './attribution-vs-lr-template.js';
import { cnnFiltersVsLrTemplates } from './cnn-filters-vs-lr-templates.js';
import { firstLayerEasyDeeperHard } from './first-layer-easy-deeper-hard.js';
import { laplacianKernel } from './laplacian-kernel.js';
import { layerIsABasis } from './layer-is-a-basis.js';
import { logisticCars } from './logistic-cars.js';
import { logisticPenguins } from './logistic-penguins.js';
import { logisticSynthetic } from './logistic-synthetic.js';
import { maxPatchVsFilter } from './max-patch-vs-filter.js';
import { modeVsTypical } from './mode-vs-typical.js';
import { tabularDummyFeature } from './tabular-dummy-feature.js';
import { tabularInteractions } from './tabular-interactions.js';
import { tabularLrVsMlp } from './tabular-lr-vs-mlp.js';
import { unimodality } from './unimodality.js';

/** Every experiment id, in the order the suite runs them. */
export const EXPERIMENT_IDS = [
  'laplacian-kernel',
  'cnn-filters-vs-lr-templates',
  'max-patch-vs-filter',
  'activation-maximization',
  'unimodality',
  'mode-vs-typical',
  'first-layer-easy-deeper-hard',
  'adversarial-vs-logistic',
  'layer-is-a-basis',
  'attribution-sanity',
  'attribution-localization',
  'attribution-vs-lr-template',
  'attribution-deletion',
  'logistic-penguins',
  'logistic-cars',
  'logistic-synthetic',
  'tabular-lr-vs-mlp',
  'tabular-interactions',
  'tabular-dummy-feature',
] as const;
export type ExperimentId = (typeof EXPERIMENT_IDS)[number];

export function isExperimentId(id: string): id is ExperimentId {
  return (EXPERIMENT_IDS as readonly string[]).includes(id);
}

const REGISTRY: Record<ExperimentId, Experiment> = {
  'laplacian-kernel': laplacianKernel,
  'cnn-filters-vs-lr-templates': cnnFiltersVsLrTemplates,
  'max-patch-vs-filter': maxPatchVsFilter,
  'activation-maximization': activationMaximization,
  unimodality,
  'mode-vs-typical': modeVsTypical,
  'first-layer-easy-deeper-hard': firstLayerEasyDeeperHard,
  'adversarial-vs-logistic': adversarialVsLogistic,
  'layer-is-a-basis': layerIsABasis,
  'attribution-sanity': attributionSanity,
  'attribution-localization': attributionLocalization,
  'attribution-vs-lr-template': attributionVsLrTemplate,
  'attribution-deletion': attributionDeletion,
  'logistic-penguins': logisticPenguins,
  'logistic-cars': logisticCars,
  'logistic-synthetic': logisticSynthetic,
  'tabular-lr-vs-mlp': tabularLrVsMlp,
  'tabular-interactions': tabularInteractions,
  'tabular-dummy-feature': tabularDummyFeature,
};

/** The experiments in suite order; each one's `id` equals its registry key. */
export const SUITE_EXPERIMENTS: readonly Experiment[] = EXPERIMENT_IDS.map((id) => REGISTRY[id]);
