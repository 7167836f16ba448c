/** vitest global setup: load (or train once) the reference CNN and the trained controls before any test file. */
import { loadReferenceCnn } from '@openbox/cnn-vis';
import { defaultCacheDir, initBackend } from '@openbox/runtime';
import {
  TRAINED_CONTROLS,
  trainedControl,
  type TrainedControlName,
} from './src/controls/trained-controls.js';

export default async function setup(): Promise<void> {
  await initBackend();
  const reference = await loadReferenceCnn();
  reference.model.dispose();
  const ctx = { cacheDir: defaultCacheDir(), progress: () => undefined };
  for (const name of Object.keys(TRAINED_CONTROLS) as TrainedControlName[]) {
    const started = performance.now();
    const { meta, adapter } = await trainedControl(ctx, name);
    adapter.model.dispose();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `[suite] trained control '${name}': test accuracy ${meta.testAccuracy} (ready in ${seconds} s)`,
    );
  }
}
