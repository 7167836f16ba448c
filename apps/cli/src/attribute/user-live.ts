/** `loadUserLive`: `openbox serve --model M --images DIR`'s live model — the user's model in a worker, their images. */
import { userLive, type WorkerLive } from '@openbox/dashboard';
import { describeScale } from '@openbox/datasets';
import { loadImagesForModel, type ImageFit, type ImageScale } from '../images-option.js';
import { loadCliModel } from '../model-option.js';
import { classCount, disposeModel } from './model-helpers.js';

/** What `loadUserLive` reads: the model file and the image folder, with how the model takes the pixels. */
export interface UserLiveArgs {
  readonly model?: string | undefined;
  readonly images?: string | undefined;
  readonly scale: ImageScale;
  readonly fit: ImageFit;
}

/**
 * 1. loads the model here (`loadCliModel`) for its input shape, kind and classes; 2. reads the folder at that size
 * in [0, 1] (`--scale 0-1`: the page shows the pictures; the worker applies `scale` before the model); 3. names
 * the classes by the folder when it has as many as the model (else `0`…`k−1`, and no labels); 4. frees the model
 * and starts `userLive`, whose worker loads it again. A bad model or image fails here, naming the file.
 * @example const live = await loadUserLive({ model: 'm/model.json', images: 'photos', scale: '0-1', fit: 'resize' });
 */
export async function loadUserLive(args: UserLiveArgs): Promise<WorkerLive> {
  const modelPath = args.model!;
  const { adapter, name } = await loadCliModel(modelPath, 'openbox serve');
  let options;
  try {
    const folder = await loadImagesForModel(
      { images: args.images!, scale: '0-1', fit: args.fit },
      adapter,
      'openbox serve',
    );
    const classes = classCount(adapter);
    const named = folder.classNames.length === classes;
    const [h, w, c] = adapter.inputShape;
    options = {
      modelPath,
      kind: adapter.kind,
      model: {
        inputShape: [h, w, c] as const,
        classNames: named ? folder.classNames : Array.from({ length: classes }, (_, k) => String(k)),
        lrTemplates: false,
        description: `${name} (${adapter.kind} model; ${describeScale(args.scale, c === 3 ? 3 : 1)})`,
      },
      images: {
        pixels: folder.features,
        count: folder.shape[0]!,
        files: folder.files,
        ...(named ? { labels: Array.from(folder.target) } : {}),
      },
      scale: args.scale,
    };
  } finally {
    disposeModel(adapter);
  }
  return userLive(options);
}
