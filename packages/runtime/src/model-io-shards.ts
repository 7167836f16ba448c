/** `readWeightShards`: a model's weight shards, regular files inside its folder, exactly as long as the manifest says. */
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { readRegularFile, SafeIoError } from '@openbox/safe-io';
import { MESSAGES } from './messages.js';
import { ModelIoError } from './model-io-error.js';
import type { ManifestGroup } from './model-io-manifest.js';

/**
 * Reads every shard of `groups` (paths relative to the model.json at `modelPath`) and returns their bytes
 * concatenated in manifest order, as tfjs expects. Each read is capped at the bytes its group still needs, so a
 * longer file, a device or a FIFO is refused at once; a group whose shards hold fewer bytes is refused after.
 * Errors name the shard and the model.json.
 */
export async function readWeightShards(
  modelPath: string,
  groups: readonly ManifestGroup[],
  timeoutMs: number,
): Promise<ArrayBuffer> {
  const folder = dirname(modelPath);
  const parts: Buffer[] = [];
  for (const group of groups) {
    const files = group.paths.map((shard) => shardPath(folder, shard, modelPath));
    let held = 0;
    for (const file of files) {
      const bytes = await readShard(file, modelPath, group.bytes - held, timeoutMs);
      held += bytes.length;
      parts.push(bytes);
    }
    if (held < group.bytes)
      throw new ModelIoError(
        'weights-size-mismatch',
        MESSAGES.weightsShort(files, modelPath, held, group.bytes),
        files.at(-1) ?? modelPath,
      );
  }
  const joined = Buffer.concat(parts);
  return joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength) as ArrayBuffer;
}

/** The shard's absolute path; a path that leaves the model's folder (`../`, absolute) is refused. */
function shardPath(folder: string, shard: string, modelPath: string): string {
  const path = resolve(folder, shard);
  const rel = relative(folder, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
    throw new ModelIoError('weights-path-escapes', MESSAGES.weightsPathEscapes(shard, modelPath), modelPath);
  return path;
}

async function readShard(
  file: string,
  modelPath: string,
  maxBytes: number,
  timeoutMs: number,
): Promise<Buffer> {
  try {
    return await readRegularFile(file, { maxBytes, timeoutMs, what: 'weights file', caller: 'loadModel' });
  } catch (error) {
    if (!(error instanceof SafeIoError)) throw error;
    if (error.code === 'missing-file')
      throw new ModelIoError('missing-weights', MESSAGES.weightsMissing(file, modelPath), file);
    if (error.code === 'too-large') {
      const size = await stat(file).then(
        (s) => s.size,
        () => undefined,
      );
      throw new ModelIoError(
        'weights-size-mismatch',
        MESSAGES.weightsLong(file, modelPath, size, maxBytes),
        file,
      );
    }
    throw new ModelIoError(error.code, error.message, file, { cause: error });
  }
}
