/** `writeShardedModel`: model.json + `group<g>-shard<i>of<n>.bin` files laid out as tensorflowjs_converter writes them. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MESSAGES } from '../messages.js';

/** Options of {@link saveShardedLayersModel} and {@link saveGraphModel}. */
export interface ShardOptions {
  /** Most bytes per shard file (the converter's `--weight_shard_size_bytes`); weights may straddle shards. Default 4 MiB. */
  readonly shardBytes?: number;
  /** Weight groups of the manifest, each sharded on its own (consecutive weights, counts as equal as possible). Default 1. */
  readonly groups?: number;
}

/** What was written: the model.json path and every shard path, in manifest order. */
export interface ShardedModelFiles {
  readonly modelJson: string;
  readonly shards: readonly string[];
}

/** One weight spec as a manifest holds it. */
export interface ManifestWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
}

const BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1 };

/**
 * Writes `json` (everything of model.json but the manifest) to `dir/model.json` with a `weightsManifest` of
 * `options.groups` groups, each group's bytes cut into shards of at most `options.shardBytes` (the last shorter),
 * named `group<g>-shard<i>of<n>.bin` and listed without a `./` prefix, as the converter does.
 * @example await writeShardedModel('/tmp/m', { format: 'layers-model', modelTopology }, specs, data, { shardBytes: 1024 });
 */
export async function writeShardedModel(
  dir: string,
  json: Record<string, unknown>,
  specs: readonly ManifestWeight[],
  data: ArrayBuffer,
  options: ShardOptions,
  fn: string,
): Promise<ShardedModelFiles> {
  const { shardBytes = 4 * 1024 * 1024, groups = 1 } = options;
  if (!Number.isInteger(shardBytes) || shardBytes < 1)
    throw new Error(MESSAGES.badFixtureOption(fn, 'shardBytes', shardBytes, 'a positive integer'));
  if (!Number.isInteger(groups) || groups < 1 || groups > Math.max(1, specs.length))
    throw new Error(
      MESSAGES.badFixtureOption(
        fn,
        'groups',
        groups,
        `an integer from 1 to ${Math.max(1, specs.length)} (the weights)`,
      ),
    );
  await mkdir(dir, { recursive: true });
  const bytes = new Uint8Array(data);
  const manifest: { paths: string[]; weights: ManifestWeight[] }[] = [];
  const shards: string[] = [];
  let offset = 0;
  for (let g = 0; g < groups; g++) {
    const weights = specs.slice(
      Math.round((g * specs.length) / groups),
      Math.round(((g + 1) * specs.length) / groups),
    );
    const size = weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * (BYTES[w.dtype] ?? 4), 0);
    const count = Math.max(1, Math.ceil(size / shardBytes));
    const paths: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `group${g + 1}-shard${i + 1}of${count}.bin`;
      const start = offset + i * shardBytes;
      await writeFile(join(dir, name), bytes.subarray(start, Math.min(start + shardBytes, offset + size)));
      paths.push(name);
      shards.push(join(dir, name));
    }
    offset += size;
    manifest.push({ paths, weights: [...weights] });
  }
  const modelJson = join(dir, 'model.json');
  await writeFile(modelJson, JSON.stringify({ ...json, weightsManifest: manifest }));
  return { modelJson, shards };
}
