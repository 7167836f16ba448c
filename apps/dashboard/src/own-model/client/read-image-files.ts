/** The picked images → model inputs, through `@openbox/datasets`' pixel pipeline (the same code the CLI runs). */
import { decodeImage, resizeImage, scalePixels, toChannels } from '@openbox/datasets/browser';
import type { ImageScale } from '@openbox/datasets/browser';

/** The batch `[n, h, w, c]` row-major, in the order of `files`. */
export interface ImageBatch {
  readonly files: readonly string[];
  readonly data: Float32Array;
  readonly shape: readonly [number, number, number, number];
}

/**
 * Each file: decode (PNG or JPEG, told by its bytes) → the model's channels (BT.601 luma or replication; alpha
 * dropped) → resize to the model's height × width (area averaging down, bilinear up) → scale (`scale` preset).
 * Errors name the file (`DatasetError` from decodeImage).
 * @example const batch = await readImageFiles(files, [32, 32, 3], '0-1');
 */
export async function readImageFiles(
  files: readonly File[],
  inputShape: readonly [number, number, number],
  scale: ImageScale,
): Promise<ImageBatch> {
  const [h, w, c] = inputShape;
  if (c !== 1 && c !== 3) throw new Error(`the model takes ${c} channels; images give 1 or 3`);
  const data = new Float32Array(files.length * h * w * c);
  for (const [i, file] of files.entries()) {
    const image = decodeImage(new Uint8Array(await file.arrayBuffer()), file.name);
    const channels = toChannels(image.data, image.channels, c);
    const resized = resizeImage(channels, [image.height, image.width, c], [h, w]);
    data.set(scalePixels(resized, c, scale), i * h * w * c);
  }
  return { files: files.map((f) => f.name), data, shape: [files.length, h, w, c] };
}
