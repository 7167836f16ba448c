/** `--model FILE` for every command: the spec, and `loadCliModel` (a model file or the reference MNIST CNN). */
import { loadReferenceCnn } from '@openbox/cnn-vis';
import { ModelAdapter, loadModel, type ImageModel } from '@openbox/runtime';
import type { StringSpec } from './args.js';

/** `--model model.json`: a tfjs model file; left out, the reference MNIST CNN. */
export const MODEL_OPTION = {
  kind: 'string',
  pathLike: true,
  placeholder: 'model.json',
  help: 'a tfjs model saved as model.json (default: the reference MNIST CNN, trained and cached on first use)',
} as const satisfies StringSpec;

/** A loaded model and how results name it. */
export interface CliModel {
  readonly adapter: ImageModel;
  /** The path as given, or `reference MNIST CNN (<cache dir>, test accuracy …)`. */
  readonly name: string;
}

/**
 * The image model at `path` (a LayersModel's `model.json`, weights sharded or not), or — when `path` is undefined —
 * the reference MNIST CNN from the cache (trained on first use, with one line per epoch on stderr prefixed by
 * `caller`). Load failures are the runtime's `ModelIoError`s (they name the file); `main` prints them, exit 1.
 * @example const { adapter, name } = await loadCliModel(args.model, 'openbox visualize');
 */
export async function loadCliModel(path: string | undefined, caller: string): Promise<CliModel> {
  if (path !== undefined) return { adapter: new ModelAdapter(await loadModel(path)), name: path };
  const ref = await loadReferenceCnn({
    onEpoch: (e, loss) =>
      console.error(`${caller}: training the reference CNN (first use): epoch ${e}, loss ${loss.toFixed(4)}`),
  });
  return {
    adapter: new ModelAdapter(ref.model),
    name: `reference MNIST CNN (${ref.dir}, test accuracy ${ref.meta.testAccuracy})`,
  };
}
