/** `createTabularService`: the page's tables and models, each built once per process (one promise per dataset). */
import { loadTabularTable, TABULAR_DATASETS } from './tabular-datasets.js';
import type { TabularDatasetName, TabularTable } from './tabular-datasets.js';
import { buildTabularModels } from './tabular-models.js';
import type { TabularModels } from './tabular-models.js';

/** What the page lists about a dataset. */
export interface TabularDatasetInfo {
  readonly name: TabularDatasetName;
  readonly rows: number;
  readonly features: readonly string[];
  readonly classNames: readonly string[];
  readonly description: string;
}

/** The tables and models, built on first use and kept. */
export interface TabularService {
  /** The standardized table (loaded synchronously on first use). */
  table(name: TabularDatasetName): TabularTable;
  /**
   * Both models of the table. Concurrent callers share one promise, so a table is never trained twice at once; a
   * failed build is forgotten (the next call tries again).
   */
  models(name: TabularDatasetName): Promise<TabularModels>;
  /** Every dataset's size, features and classes, in {@link TABULAR_DATASETS} order. */
  info(): readonly TabularDatasetInfo[];
}

/**
 * A service with empty caches: one per app (`createTabularApp` and the page share it).
 * @example const s = createTabularService(); const m = await s.models('penguins');
 */
export function createTabularService(): TabularService {
  const tables = new Map<TabularDatasetName, TabularTable>();
  const models = new Map<TabularDatasetName, Promise<TabularModels>>();
  const table = (name: TabularDatasetName): TabularTable => {
    let t = tables.get(name);
    if (t === undefined) {
      t = loadTabularTable(name);
      tables.set(name, t);
    }
    return t;
  };
  return {
    table,
    models(name) {
      let built = models.get(name);
      if (built === undefined) {
        // Deferred one tick so a loader that throws rejects the promise instead of the caller.
        built = Promise.resolve().then(() => buildTabularModels(table(name)));
        models.set(name, built);
        built.catch(() => models.delete(name));
      }
      return built;
    },
    info: () =>
      TABULAR_DATASETS.map((name) => {
        const t = table(name);
        return {
          name,
          rows: t.x.rows,
          features: t.featureNames,
          classNames: t.classNames,
          description: t.description,
        };
      }),
  };
}
