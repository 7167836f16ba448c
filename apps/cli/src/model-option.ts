/** `--model FILE` for every command: the spec, and `loadCliModel` (a model file or the reference MNIST CNN). */
import { loadReferenceCnn } from '@openbox/cnn-vis';
import { ModelAdapter, ModelIoError, loadImageModel, type ImageModel } from '@openbox/runtime';
import { escapeForMessage } from '@openbox/safe-io';
import type { StringSpec } from './args.js';
import { CommandError } from './errors.js';
import { MESSAGES } from './messages.js';

/** `--model model.json`: a tfjs model file; left out, the reference MNIST CNN. */
export const MODEL_OPTION = {
  kind: 'string',
  pathLike: true,
  placeholder: 'model.json',
  help: 'a tfjs LayersModel or GraphModel saved as model.json, weights in one or several files (default: the reference MNIST CNN, trained and cached on first use)',
} as const satisfies StringSpec;

/** A loaded model and how results name it. */
export interface CliModel {
  readonly adapter: ImageModel;
  /** The path as given, or `reference MNIST CNN (<cache dir>, test accuracy …)`. */
  readonly name: string;
}

/**
 * The image model at `path` — a LayersModel or a GraphModel `model.json` (`loadImageModel`: a `ModelAdapter` or a
 * `GraphModelAdapter`), weights sharded or not — or, when `path` is undefined,
 * the reference MNIST CNN from the cache (trained on first use, with one line per epoch on stderr prefixed by
 * `caller`). Load failures are the runtime's `ModelIoError`s (they name the file); a model the adapters refuse is a
 * `CommandError('bad-input-file')` naming `--model` and the path; `main` prints either, exit 1.
 * @example const { adapter, name } = await loadCliModel(args.model, 'openbox visualize');
 */
export async function loadCliModel(path: string | undefined, caller: string): Promise<CliModel> {
  if (path !== undefined) {
    try {
      return { adapter: await loadImageModel(path), name: path };
    } catch (error) {
      // ModelIoError names the file; an adapter's refusal (e.g. a graph input of unknown size) gets the path here.
      if (error instanceof ModelIoError || !(error instanceof Error)) throw error;
      throw new CommandError('bad-input-file', MESSAGES.badModel(escapeForMessage(path), error.message));
    }
  }
  const ref = await loadReferenceCnn({
    onEpoch: (e, loss) =>
      console.error(`${caller}: training the reference CNN (first use): epoch ${e}, loss ${loss.toFixed(4)}`),
  });
  return {
    adapter: new ModelAdapter(ref.model),
    name: `reference MNIST CNN (${ref.dir}, test accuracy ${ref.meta.testAccuracy})`,
  };
}
