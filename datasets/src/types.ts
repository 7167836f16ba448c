/** The one shape every OpenBox dataset loader returns. */

/** How rows with missing values were handled by a loader. */
export interface MissingValueReport {
  /** Rows in the source before any filtering. */
  readonly rowsInSource: number;
  /** Rows dropped because a selected feature or the target was missing. */
  readonly rowsDropped: number;
  /** One sentence a person can read, e.g. "dropped 11 of 344 rows with a missing value in sex or body_mass_g". */
  readonly policy: string;
}

/** A tabular or image dataset: row-major float features plus an integer class target. */
export interface Dataset {
  /** Short id, e.g. `penguins`. */
  readonly name: string;
  /** Row-major features, `shape[0]` rows; `[n, d]` for tables, `[n, h, w, c]` for images. */
  readonly features: Float32Array;
  readonly shape: readonly number[];
  /** One name per feature column (tables) or `['pixel']`-style names for images. */
  readonly featureNames: readonly string[];
  /** Class index per row, `0 .. classNames.length - 1`. */
  readonly target: Int32Array;
  /** Class labels in index order. */
  readonly classNames: readonly string[];
  /** The name of the target column in the source. */
  readonly targetName: string;
  readonly description: string;
  /** Where the data comes from (npm package and file), and its license. */
  readonly source: string;
  readonly license: string;
  readonly missing: MissingValueReport;
  /** Optional: each row's index in the source before any split or shuffle (set by `loadMnist`). */
  readonly sourceIndex?: Int32Array;
}
