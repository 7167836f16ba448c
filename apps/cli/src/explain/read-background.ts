/** `readBackgroundCsv`: the `--background FILE` rows, read by the same CSV rules as `--csv`, no target column needed. */
import { loadFeatureCsv } from '@openbox/datasets';

/**
 * The background's columns `features` (by name, in that order; every other column, the target's included when it
 * is there, is ignored), float32 row-major. `loadFeatureCsv` reads them with `--csv`'s rules and messages (a
 * regular file of at most `maxBytes`, strict UTF-8, quoted fields, finite float32 cells, an error naming the file,
 * line and column) but no class rules: one row, one class or a constant column is a valid background.
 * @example const rows = await readBackgroundCsv('bg.csv', ['x1', 'x2'], DEFAULT_MAX_BYTES);
 */
export async function readBackgroundCsv(
  path: string,
  features: readonly string[],
  maxBytes: number,
): Promise<Float32Array> {
  return (await loadFeatureCsv(path, { features, maxBytes })).features;
}
