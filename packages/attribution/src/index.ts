/** @openbox/attribution — why did the network decide this? Attribution methods for any tfjs LayersModel. */

// Everything that runs in a browser too (the curated list is browser.ts)
export * from './browser.js';
