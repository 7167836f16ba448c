/** `loadStudiedModel`: the user's `model.json` (LayersModel or GraphModel) as the CNN experiments' model under study. */
import { loadImageModel, type ImageModel } from '@openbox/runtime';

/**
 * Loads `path` with `loadImageModel` (a LayersModel or a GraphModel, weights sharded or not); the label is the path
 * as given, plus `(graph model)` for a GraphModel so results say which kind was studied. Load failures are the
 * runtime's `ModelIoError`s, which name the file.
 * @example const { adapter, modelLabel } = await loadStudiedModel('my-model/model.json');
 */
export async function loadStudiedModel(path: string): Promise<{ adapter: ImageModel; modelLabel: string }> {
  const adapter = await loadImageModel(path);
  return { adapter, modelLabel: adapter.kind === 'graph' ? `${path} (graph model)` : path };
}
