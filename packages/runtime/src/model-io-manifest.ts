/** `checkWeightsManifest`: a model.json's weightsManifest, validated, with the bytes each group's shards must hold. */
import type * as tf from '@tensorflow/tfjs-core';
import { escapeForMessage } from '@openbox/safe-io';
import { MESSAGES } from './messages.js';
import { ModelIoError } from './model-io-error.js';

/** Bytes per stored element, by dtype (a quantized weight stores its `quantization.dtype`). */
const BYTES_PER_DTYPE: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
};
const DTYPES = ['float32', 'int32', 'bool'] as const;

/** One group of the manifest: its shard paths, its weights, and how many bytes its shards hold together. */
export interface ManifestGroup {
  readonly paths: readonly string[];
  readonly weights: readonly tf.io.WeightsManifestEntry[];
  readonly bytes: number;
}

/** The bytes `spec` occupies in a shard. */
export function entryBytes(spec: tf.io.WeightsManifestEntry): number {
  const stored = spec.quantization ? spec.quantization.dtype : spec.dtype;
  return spec.shape.reduce((a, b) => a * b, 1) * (BYTES_PER_DTYPE[stored] ?? Number.NaN);
}

/**
 * Checks that `manifest` (from the model.json at `path`) is a list of `{ paths: string[], weights: [...] }` whose
 * entries have a unique name, a shape of integers ≥ 0 and a dtype a LayersModel stores, and that all its weights
 * fit in `maxBytes`. Throws `bad-weights-manifest` naming the group, the entry and what is wrong.
 */
export function checkWeightsManifest(manifest: unknown, path: string, maxBytes: number): ManifestGroup[] {
  if (!Array.isArray(manifest))
    throw new ModelIoError('bad-weights-manifest', MESSAGES.modelNoManifest(path), path);
  const bad = (where: string, problem: string): ModelIoError =>
    new ModelIoError('bad-weights-manifest', MESSAGES.badManifest(path, where, problem), path);
  const names = new Set<string>();
  let total = 0;
  const groups = manifest.map((group: unknown, g): ManifestGroup => {
    const { paths, weights } = (group ?? {}) as { paths?: unknown; weights?: unknown };
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string' || p === '' || p.includes('\0')))
      throw bad(`group ${g}`, 'has no paths list of non-empty file names');
    if (!Array.isArray(weights)) throw bad(`group ${g}`, 'has no weights list');
    let bytes = 0;
    weights.forEach((entry: unknown, w) => {
      const { name, shape, dtype, quantization } = (entry ?? {}) as Record<string, unknown>;
      const where = `group ${g} weight ${w}${typeof name === 'string' ? ` ('${escapeForMessage(name, 80)}')` : ''}`;
      if (typeof name !== 'string' || name === '') throw bad(where, 'has no name');
      if (names.has(name)) throw bad(where, 'repeats a name used before');
      names.add(name);
      if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0))
        throw bad(
          where,
          `has shape ${escapeForMessage(JSON.stringify(shape) ?? 'undefined', 60)}; expected a list of integers >= 0`,
        );
      if (!(DTYPES as readonly unknown[]).includes(dtype))
        throw bad(
          where,
          `has dtype ${escapeForMessage(JSON.stringify(dtype) ?? 'undefined', 40)}; expected one of ${DTYPES.join(', ')}`,
        );
      const q = quantization as { dtype?: unknown } | undefined;
      if (q !== undefined && !['uint8', 'uint16', 'float16'].includes(q?.dtype as string))
        throw bad(where, 'has a quantization whose dtype is not uint8, uint16 or float16');
      bytes += entryBytes(entry as tf.io.WeightsManifestEntry);
    });
    total += bytes;
    if (!Number.isSafeInteger(total) || total > maxBytes)
      throw new ModelIoError('too-large', MESSAGES.manifestTooLarge(path, total, maxBytes), path);
    return { paths, weights: weights as tf.io.WeightsManifestEntry[], bytes };
  });
  return groups;
}
