export declare const MESSAGES: {
  readonly inputShape: (fn: string, got: readonly number[], expected: readonly number[]) => string;
  readonly emptyInputs: (fn: string) => string;
  readonly nonFiniteInputs: (fn: string, argument: string) => string;
  readonly targetCount: (fn: string, got: number, n: number) => string;
  readonly classTarget: (fn: string, value: unknown, classes: number, layer: string) => string;
  readonly notClassOutput: (fn: string, layer: string, got: readonly (number | null)[]) => string;
  readonly badUnitTarget: (fn: string, value: unknown) => string;
  readonly halfPosition: (fn: string) => string;
  readonly positiveInteger: (fn: string, argument: string, value: unknown) => string;
  readonly integerRange: (fn: string, argument: string, value: unknown, min: number, max: number) => string;
  readonly nonNegative: (fn: string, argument: string, value: unknown) => string;
  readonly positive: (fn: string, argument: string, value: unknown) => string;
  readonly unknownName: (fn: string, argument: string, value: unknown, known: readonly string[]) => string;
  readonly baselineShape: (fn: string, got: readonly number[], expected: readonly number[]) => string;
  readonly needsData: (fn: string, kind: string) => string;
  readonly needsLayer: (fn: string, method: string) => string;
  readonly needsUnitTarget: (fn: string, method: string) => string;
  readonly layerOption: (fn: string, value: unknown, known: readonly string[]) => string;
  readonly targetBeforeLayer: (fn: string, target: string, layer: string) => string;
  readonly notSpatialLayer: (fn: string, layer: string, got: readonly (number | null)[]) => string;
  readonly evaluationShape: (
    fn: string,
    what: string,
    got: readonly number[],
    expected: readonly number[],
  ) => string;
  readonly maskSize: (fn: string, got: number, expected: number) => string;
  readonly mapRank: (fn: string, got: readonly number[]) => string;
  readonly featureMaskShape: (fn: string, got: readonly number[], inputs: readonly number[]) => string;
  readonly featureMaskIds: (fn: string, value: number) => string;
  readonly featureMaskMissing: (fn: string, id: number, mask: number, d: number) => string;
  readonly nonFiniteBaseline: (fn: string, value: unknown) => string;
  readonly windowTooLarge: (fn: string, window: readonly number[], image: readonly number[]) => string;
  readonly strideTooLarge: (fn: string, stride: readonly number[], window: readonly number[]) => string;
  readonly baselineDistribution: (
    fn: string,
    got: readonly number[] | null,
    expected: readonly number[],
  ) => string;
  readonly finiteSeed: (fn: string, value: unknown) => string;
  readonly seedNotFinite: (fn: string, value: unknown) => string;
};
//# sourceMappingURL=messages.d.ts.map
