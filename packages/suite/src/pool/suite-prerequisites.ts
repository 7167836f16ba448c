/**
 * The cached artefacts the suite's experiments share — the reference CNN, the judge and shuffled-labels controls,
 * the MNIST LR templates — as pool prerequisites: on a cold cache each is trained once, in one worker, before the
 * experiments that load it start (several workers would otherwise train the same model at once and race on its
 * files). `isCached` reads only `meta.json` (the CNNs) or checksums the templates, never loads a model.
 */
import { join } from 'node:path';
import {
  DEFAULT_EPOCHS,
  REFERENCE_CNN_VERSION,
  loadReferenceCnn,
  referenceCnnDir,
  type CnnRecipe,
} from '@openbox/cnn-vis';
import { readRegularFileSync } from '@openbox/safe-io';
import { TRAINED_CONTROLS } from '../controls/trained-controls.js';
import type { ExperimentId } from '../experiments/registry.js';
import { inspectLrTemplatesCache } from '../experiments/lr-templates-cache.js';
import { LR_TEMPLATES_VERSION, loadLrTemplates } from '../experiments/lr-templates.js';
import type { Prerequisite } from './pool-module.js';

/** The experiments that load the model under study through `cnnSetup` (the reference CNN unless `--model`). */
const CNN_EXPERIMENTS = [
  'cnn-filters-vs-lr-templates',
  'max-patch-vs-filter',
  'activation-maximization',
  'unimodality',
  'mode-vs-typical',
  'first-layer-easy-deeper-hard',
  'adversarial-vs-logistic',
  'layer-is-a-basis',
  'attribution-sanity',
  'attribution-vs-lr-template',
  'attribution-deletion',
] as const satisfies readonly ExperimentId[];
/**
 * The experiments that judge against the trained controls (`trainedControl(ctx, 'judge' | 'shuffled-labels')`):
 * MNIST nets, so a run on the user's images (where those experiments are not applicable) does not train them.
 */
const CONTROL_EXPERIMENTS = [
  'activation-maximization',
  'attribution-sanity',
] as const satisfies readonly ExperimentId[];
/** The experiments that call `loadLrTemplates` on MNIST (on the user's images the LR baseline is fitted in-process). */
const LR_EXPERIMENTS = [
  'cnn-filters-vs-lr-templates',
  'adversarial-vs-logistic',
  'attribution-vs-lr-template',
] as const satisfies readonly ExperimentId[];

/** Whether `dir/meta.json` records a model of this version, seed and epochs (what `loadReferenceCnn` checks first). */
function cnnMetaMatches(dir: string, seed: number, epochs: number): boolean {
  try {
    const bytes = readRegularFileSync(join(dir, 'meta.json'), {
      maxBytes: 64 * 1024,
      what: 'meta.json',
      caller: 'runSuite',
    });
    const meta = JSON.parse(bytes.toString('utf8')) as {
      version?: unknown;
      seed?: unknown;
      epochs?: unknown;
    };
    return meta.version === REFERENCE_CNN_VERSION && meta.seed === seed && meta.epochs === epochs;
  } catch {
    return false;
  }
}

/** A cached CNN of `loadReferenceCnn` as a prerequisite. */
function cnnPrerequisite(
  name: string,
  model: { readonly recipe: CnnRecipe; readonly seed: number; readonly epochs: number },
  usedBy: Prerequisite['usedBy'],
): Prerequisite {
  return {
    name,
    usedBy,
    isCached: (cacheDir) => cnnMetaMatches(referenceCnnDir(cacheDir, model), model.seed, model.epochs),
    async prepare(ctx) {
      ctx.progress(0, model.epochs, `training ${name}`);
      const { model: net } = await loadReferenceCnn({
        cacheDir: ctx.cacheDir,
        ...model,
        onEpoch: (epoch) => ctx.progress(epoch, model.epochs, `training ${name}`),
      });
      net.dispose();
    },
  };
}

/**
 * The suite's prerequisites, in the order a cold cache prepares them (the reference CNN first: eleven experiments
 * wait for it).
 * @example SUITE_PREREQUISITES.filter((p) => !p.isCached(cacheDir)).map((p) => p.name)
 */
export const SUITE_PREREQUISITES: readonly Prerequisite[] = [
  cnnPrerequisite('reference-cnn', { recipe: 'standard', seed: 0, epochs: DEFAULT_EPOCHS }, (modelPath) =>
    modelPath === undefined ? CNN_EXPERIMENTS : [],
  ),
  ...(['judge', 'shuffled-labels'] as const).map((control) =>
    cnnPrerequisite(control, TRAINED_CONTROLS[control], (_, images) =>
      images === undefined ? CONTROL_EXPERIMENTS : [],
    ),
  ),
  {
    name: 'lr-templates',
    usedBy: (_, images) => (images === undefined ? LR_EXPERIMENTS : []),
    isCached: (cacheDir) =>
      inspectLrTemplatesCache(join(cacheDir, 'models', 'mnist-lr'), LR_TEMPLATES_VERSION).kind === 'hit',
    async prepare(ctx) {
      ctx.progress(0, 1, 'fitting the MNIST LR templates');
      loadLrTemplates(ctx.cacheDir);
      ctx.progress(1, 1, 'fitting the MNIST LR templates');
    },
  },
];
