/** `lrBaseline`: the logistic-regression baseline of the setup's data — MNIST's cached templates, or fitted on the user's. */
import type { ExperimentContext } from '../experiment.js';
import type { CnnSetup } from './cnn-setup.js';
import { fitLrTemplates, loadLrTemplates, type LrTemplates } from './lr-templates.js';

const fitted = new WeakMap<CnnSetup['train'], LrTemplates>();

/**
 * Multinomial logistic regression on the pixels of `setup.train`: on MNIST the cached templates of `loadLrTemplates`
 * (fitted once into `ctx.cacheDir`), on the user's images `fitLrTemplates` of their training split, once per process
 * (a few seconds for hundreds of images; every experiment of the process shares it).
 * @example const lr = lrBaseline(ctx, setup); lrTemplateAccuracy(lr, setup.test)
 */
export function lrBaseline(
  ctx: Pick<ExperimentContext, 'cacheDir'>,
  setup: Pick<CnnSetup, 'data' | 'train'>,
): LrTemplates {
  if (setup.data === 'mnist') return loadLrTemplates(ctx.cacheDir);
  let templates = fitted.get(setup.train);
  if (templates === undefined) fitted.set(setup.train, (templates = fitLrTemplates(setup.train)));
  return templates;
}
