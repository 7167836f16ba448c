/** The reference CNN's cache folder: verified on every read (size + SHA-256), written atomically, discarded when damaged. */
import { lstat, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Dataset } from '@openbox/datasets';
import {
  digestOf,
  isCachedFiles,
  loadModel,
  ModelIoError,
  removeModel,
  saveModel,
  verifyCachedFiles,
  type CachedFiles,
} from '@openbox/runtime';
import { readRegularFile, SafeIoError, writeJsonAtomic } from '@openbox/safe-io';
import { MESSAGES } from '../messages.js';
import { accuracyOn } from './accuracy-on.js';
import type { ReferenceCnnMeta, TrainedReferenceCnnMeta } from './reference-cnn-meta.js';
import { REFERENCE_CNN_VERSION } from './reference-cnn-meta.js';
import { accuracyFitsRecipe, type CnnRecipe } from './cnn-recipe.js';

const META_FILE = 'meta.json';
const META_MAX_BYTES = 1 << 20;
/** The files of a cache whose `meta.json` has no `files` record get one, from their bytes, once they pass. */
const MODEL_FILES = ['model.json', 'weights.bin'] as const;

/** What a cache folder holds: a usable model, nothing, an out-of-date model, or a damaged one (with why). */
export type ReferenceCnnCacheState =
  | { readonly kind: 'hit'; readonly model: tfl.LayersModel; readonly meta: ReferenceCnnMeta }
  | { readonly kind: 'missing' }
  | { readonly kind: 'stale'; readonly reason: string }
  | { readonly kind: 'damaged'; readonly reason: string };

/**
 * Inspects the cache in `dir` for a model trained with `seed`, `epochs` and `recipe`, in steps: (1) read meta.json (a
 * regular file, ≤ 1 MiB) and parse it; (2) version, seed, epochs, recipe (absent = `standard`) and stored accuracy
 * (inside the recipe's `RECIPE_ACCURACY` band), else `stale`; (3) each file's size and
 * SHA-256 against meta.json's `files`; (4) `loadModel` (regular files, exact sizes, finite weights, shapes); (5) input
 * `[28, 28, 1]`, 10 outputs and the accuracy re-measured on `testSet()` within 0.5 points, else `stale`. Any read,
 * parse, checksum or load failure is `damaged`, with a one-line reason naming the file. A cache written before
 * checksums (no `files`) that passes 4–5 gets its `files` record added (meta.json rewritten atomically).
 * @example const state = await inspectReferenceCnnCache(dir, 0, 10, () => loadMnist({ seed: 0 }).test);
 */
export async function inspectReferenceCnnCache(
  dir: string,
  seed: number,
  epochs: number,
  testSet: () => Dataset,
  recipe: CnnRecipe = 'standard',
): Promise<ReferenceCnnCacheState> {
  // 1. meta.json.
  const read = await readMeta(dir);
  if (read.kind !== 'meta') return read;
  const meta = read.meta;
  // 2. The recipe it was trained with.
  if (meta['version'] !== REFERENCE_CNN_VERSION)
    return stale(`version ${String(meta['version'])} != ${REFERENCE_CNN_VERSION}`);
  if (meta['seed'] !== seed || meta['epochs'] !== epochs)
    return stale(`trained with seed ${String(meta['seed'])}, ${String(meta['epochs'])} epochs`);
  const stored = meta['recipe'] ?? 'standard';
  if (stored !== recipe) return stale(`trained with recipe ${JSON.stringify(stored)}, not '${recipe}'`);
  if (typeof meta['testAccuracy'] !== 'number' || !Number.isFinite(meta['testAccuracy']))
    return damaged(MESSAGES.metaBadAccuracy(JSON.stringify(meta['testAccuracy']) ?? 'missing'));
  if (!accuracyFitsRecipe(recipe, meta['testAccuracy']))
    return stale(`stored accuracy ${meta['testAccuracy']}`);
  // 3. Checksums (a cache from before them has no `files`: it is adopted below if it loads and re-measures).
  const legacy = meta['files'] === undefined;
  if (!legacy) {
    if (!isCachedFiles(meta['files']) || !MODEL_FILES.every((f) => f in (meta['files'] as CachedFiles)))
      return damaged(MESSAGES.metaNoFiles());
    const reason = await verifyCachedFiles(dir, meta['files']);
    if (reason !== undefined) return damaged(reason);
  }
  const files = legacy ? await measureFiles(dir) : (meta['files'] as CachedFiles);
  if (typeof files === 'string') return damaged(files);
  // 4. Load.
  let model: tfl.LayersModel;
  try {
    model = await loadModel(join(dir, 'model.json'));
  } catch (error) {
    if (error instanceof ModelIoError) return damaged(error.message.replace(/^loadModel: /, ''));
    throw error;
  }
  // 5. Shape and accuracy.
  const shapeOk =
    JSON.stringify(model.inputs[0]?.shape.slice(1)) === '[28,28,1]' && model.outputs[0]?.shape[1] === 10;
  const measured = shapeOk ? accuracyOn(model, testSet()) : 0;
  if (!shapeOk || Math.abs(measured - meta['testAccuracy']) > 0.005) {
    model.dispose();
    return stale(shapeOk ? `re-measured accuracy ${measured}` : 'wrong input or output shape');
  }
  const checked = { ...(meta as unknown as ReferenceCnnMeta), files };
  if (legacy) await writeJsonAtomic(join(dir, META_FILE), checked);
  return { kind: 'hit', model, meta: checked };
}

/**
 * Saves `model` to `dir` and then, atomically, its meta.json with the size and SHA-256 of both model files (so a
 * process killed between the two leaves a cache that reads as damaged, never as valid).
 */
export async function writeReferenceCnnCache(
  dir: string,
  model: tfl.LayersModel,
  trained: TrainedReferenceCnnMeta,
): Promise<ReferenceCnnMeta> {
  const saved = await saveModel(model, dir);
  const meta: ReferenceCnnMeta = {
    ...trained,
    files: {
      'model.json': { bytes: saved.modelJsonBytes, sha256: saved.modelJsonSha256 },
      'weights.bin': { bytes: saved.weightsBytes, sha256: saved.weightsSha256 },
    },
  };
  await writeJsonAtomic(join(dir, META_FILE), meta);
  return meta;
}

/** Removes a cache's meta.json first (so an interrupted removal reads as missing), then the model files. */
export async function discardReferenceCnnCache(dir: string): Promise<void> {
  await rm(join(dir, META_FILE), { force: true });
  await removeModel(dir);
}

type MetaRead = { kind: 'meta'; meta: Record<string, unknown> } | ReferenceCnnCacheState;

async function readMeta(dir: string): Promise<MetaRead> {
  const path = join(dir, META_FILE);
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, {
      maxBytes: META_MAX_BYTES,
      what: 'meta.json',
      caller: 'loadReferenceCnn',
    });
  } catch (error) {
    if (!(error instanceof SafeIoError)) throw error;
    if (error.code !== 'missing-file') return damaged(error.message.replace(/^loadReferenceCnn: /, ''));
    const model = await lstat(join(dir, 'model.json')).then(
      () => true,
      () => false,
    );
    return model ? damaged(MESSAGES.metaMissing()) : { kind: 'missing' };
  }
  let meta: unknown;
  try {
    meta = JSON.parse(bytes.toString('utf8'));
  } catch {
    return damaged(MESSAGES.metaNotJson(path));
  }
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta))
    return damaged(MESSAGES.metaNotObject(path));
  return { kind: 'meta', meta: meta as Record<string, unknown> };
}

/** The `files` record of a cache from before checksums, from the bytes on disk (or why they cannot be read). */
async function measureFiles(dir: string): Promise<CachedFiles | string> {
  const files: Record<string, ReturnType<typeof digestOf>> = {};
  for (const name of MODEL_FILES) {
    try {
      const bytes = await readRegularFile(join(dir, name), {
        maxBytes: 2 ** 31,
        what: name,
        caller: 'loadReferenceCnn',
      });
      files[name] = digestOf(bytes);
    } catch (error) {
      if (error instanceof SafeIoError) return error.message.replace(/^loadReferenceCnn: /, '');
      throw error;
    }
  }
  return files;
}

const stale = (reason: string): ReferenceCnnCacheState => ({ kind: 'stale', reason: oneLine(reason) });
const damaged = (reason: string): ReferenceCnnCacheState => ({ kind: 'damaged', reason: oneLine(reason) });
const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');
