/** Input shapes shared by every fit: a row-major feature matrix with names, and a class target. */

/** Row-major features, `shape = [n, d]`, with optional column names (default `x0, x1, …`). */
export interface FeatureMatrix {
  readonly features: ArrayLike<number>;
  readonly shape: readonly number[];
  readonly featureNames?: readonly string[];
}

/** A binary problem: `target` holds 0 and 1 (1 = the positive class). */
export interface BinaryData extends FeatureMatrix {
  readonly target: ArrayLike<number>;
}

/** A multiclass problem: `target` holds class indices `0 … numClasses − 1` (a `Dataset` of @openbox/datasets fits). */
export interface MulticlassData extends FeatureMatrix {
  readonly target: ArrayLike<number>;
  /** Default: `classNames.length` when given, else max(target) + 1. */
  readonly numClasses?: number;
  readonly classNames?: readonly string[];
}

/** A validated design in float64: `x` is row-major `n × d`. */
export interface Design {
  readonly n: number;
  readonly d: number;
  readonly x: Float64Array;
  readonly names: readonly string[];
}
