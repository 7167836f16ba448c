/** Turns JSON records into a tabular `Dataset`, dropping (and counting) rows with a missing value. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import type { Dataset } from '../types.js';

/** How to read one table from records. */
export interface TableSpec {
  readonly fn: string;
  readonly pkg: string;
  readonly file: string;
  /** Feature names as exported, and the record key each is read from. */
  readonly features: readonly { readonly name: string; readonly key: string }[];
  readonly targetKey: string;
  readonly targetName: string;
  /** Class labels in index order; any other label is an error. */
  readonly classNames: readonly string[];
}

/** Dataset fields the table does not decide. */
export type TableInfo = Pick<Dataset, 'name' | 'description' | 'source' | 'license'>;

/**
 * Keeps the rows whose features are all finite numbers and whose target is a known class (listwise deletion,
 * no imputation) and reports per column how many rows lacked it.
 */
export function tableFromRecords(records: unknown, spec: TableSpec, info: TableInfo): Dataset {
  if (!Array.isArray(records)) {
    throw new DatasetError(
      'package-data',
      MESSAGES.packageData(spec.fn, spec.pkg, spec.file, 'not a JSON array'),
    );
  }
  const d = spec.features.length;
  const keys = [...spec.features.map((f) => f.key), spec.targetKey];
  const names = [...spec.features.map((f) => f.name), spec.targetName];
  const missingBy = new Array<number>(keys.length).fill(0);
  const values: number[] = [];
  const target: number[] = [];
  for (const rec of records as Record<string, unknown>[]) {
    const row = spec.features.map((f) => rec[f.key]);
    const label = rec[spec.targetKey];
    const ok = row.map((v) => typeof v === 'number' && Number.isFinite(v));
    const cls = typeof label === 'string' ? spec.classNames.indexOf(label) : -1;
    if (label != null && cls < 0) {
      const detail = `unknown ${spec.targetKey} "${String(label)}"`;
      throw new DatasetError('package-data', MESSAGES.packageData(spec.fn, spec.pkg, spec.file, detail));
    }
    ok.push(cls >= 0);
    if (ok.every(Boolean)) {
      values.push(...(row as number[]));
      target.push(cls);
    } else {
      ok.forEach((good, k) => {
        if (!good) missingBy[k] = (missingBy[k] as number) + 1;
      });
    }
  }
  const n = target.length;
  const dropped = records.length - n;
  const detail = names
    .map((name, k) => [name, missingBy[k] as number] as const)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${name} missing in ${count}`)
    .join(', ');
  return {
    ...info,
    features: Float32Array.from(values),
    shape: [n, d],
    featureNames: spec.features.map((f) => f.name),
    target: Int32Array.from(target),
    classNames: [...spec.classNames],
    targetName: spec.targetName,
    missing: {
      rowsInSource: records.length,
      rowsDropped: dropped,
      policy:
        dropped === 0
          ? `no rows dropped: all ${records.length} rows are complete`
          : `dropped ${dropped} of ${records.length} rows with a missing value (${detail}); ` +
            `rows are dropped whole, nothing is imputed`,
    },
  };
}
