/** vitest global setup: train (or load and validate) the reference CNN once per test run, before any test file. */
import { initBackend } from '@openbox/runtime';
import { loadReferenceCnn } from './src/model/reference-cnn.js';

export default async function setup(): Promise<void> {
  await initBackend();
  const { meta, fromCache } = await loadReferenceCnn();
  console.log(
    `[cnn-vis] reference CNN ${fromCache ? 'loaded from cache' : `trained in ${meta.trainSeconds.toFixed(1)} s`}: test accuracy ${meta.testAccuracy}`,
  );
}
