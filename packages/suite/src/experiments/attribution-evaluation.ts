/**
 * The evaluation helpers of `@openbox/attribution` that the attribution experiments use. Its `src/index.ts` does not
 * export them yet, so this one file reaches into the package's sources; once the lead adds the exports (see the
 * report of the attribution-sanity task) these lines become `export { … } from '@openbox/attribution'`.
 */
export {
  compareMaps,
  similarityOf,
  type MapSimilarity,
} from '../../../attribution/src/evaluation/compare-maps.js';
export {
  modelRandomization,
  type ModelRandomizationResult,
} from '../../../attribution/src/evaluation/model-randomization.js';
export { localization, type LocalizationResult } from '../../../attribution/src/evaluation/localization.js';
export { explain, type Explainer } from '../../../attribution/src/evaluation/explainer.js';
