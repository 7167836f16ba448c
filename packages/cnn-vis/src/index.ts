/** @openbox/cnn-vis — what did this CNN learn? Filters, activation maximization, dataset examples, the seed's claims. */

// Everything that runs in a browser too (the curated list is browser.ts)
export * from './browser.js';

// Models
export { loadReferenceCnn, trainReferenceCnn, referenceCnnDir } from './model/reference-cnn.js';
export type { ReferenceCnn, ReferenceCnnOptions } from './model/reference-cnn.js';
