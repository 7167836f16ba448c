/** The evaluation helpers of `@openbox/attribution` that the attribution experiments use, in one place. */
export { compareMaps, explain, localization, modelRandomization, similarityOf } from '@openbox/attribution';
export type {
  Explainer,
  LocalizationResult,
  MapSimilarity,
  ModelRandomizationResult,
} from '@openbox/attribution';
