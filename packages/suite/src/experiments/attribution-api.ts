/**
 * The pieces of `@openbox/attribution` the attribution experiments use. Grad-CAM, `rankCorrelation` and
 * `deletionInsertion` are not yet exported from the package's `src/index.ts`; until they are, they are taken from its
 * sources here (the only file that reaches into another package), so switching to `'@openbox/attribution'` is one edit.
 */
export { METHODS } from '@openbox/attribution';
export type { AttributionMethod } from '@openbox/attribution';
export { gradCam } from '../../../attribution/src/layer/grad-cam.js';
export { rankCorrelation } from '../../../attribution/src/evaluation/rank-correlation.js';
export { deletionInsertion } from '../../../attribution/src/evaluation/deletion-insertion.js';
