/** `objectiveCurves`: one line per unit of an objective over optimization steps (activation maximization). */
import type { TopLevelSpec } from 'vega-lite';
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';
import { VEGA_LITE_SCHEMA } from './spec-parts.js';
import { assertFinite, assertLabel, assertNonEmpty, assertUnique } from './validate.js';

const FN = 'objectiveCurves';

/** The objective of one unit at each step; `steps` defaults to 0, 1, 2, … */
export interface CurveSeries {
  readonly unit: string;
  readonly values: readonly number[];
  readonly steps?: readonly number[];
}

/** Options of `objectiveCurves`. */
export interface ObjectiveCurvesOptions {
  /** Chart title. Default none. */
  readonly title?: string;
  /** Title of the x axis. Default `'step'`. */
  readonly xTitle?: string;
  /** Title of the y axis. Default `'objective'`. */
  readonly yTitle?: string;
  /** Width in pixels. Default 420. Height is 260. */
  readonly width?: number;
}

const DEFAULTS = { xTitle: 'step', yTitle: 'objective', width: 420 } satisfies Required<
  Omit<ObjectiveCurvesOptions, 'title'>
>;

/**
 * A line per unit (color), x = step, y = objective value, with a tooltip. Every value must be finite: a NaN
 * objective is a diverged optimization and is reported instead of drawn.
 * @example objectiveCurves([{ unit: 'class 3', values: [0.1, 0.8, 2.4] }])
 */
export function objectiveCurves(
  series: readonly CurveSeries[],
  options: ObjectiveCurvesOptions = {},
): TopLevelSpec {
  // 1. Options and input.
  const opts = { ...DEFAULTS, ...options };
  assertNonEmpty(FN, 'series', series);
  series.forEach((s, i) => {
    assertLabel(FN, `series[${i}].unit`, s.unit);
    assertNonEmpty(FN, `series[${i}].values`, s.values);
    s.values.forEach((v, j) => assertFinite(FN, `series[${i}].values[${j}]`, v));
    if (s.steps !== undefined) {
      if (s.steps.length !== s.values.length) {
        throw new ChartInputError(
          MESSAGES.lengthMismatch(FN, `series[${i}].steps`, s.values.length, s.steps.length),
        );
      }
      s.steps.forEach((v, j) => assertFinite(FN, `series[${i}].steps[${j}]`, v));
    }
  });
  const units = series.map((s) => s.unit);
  assertUnique(FN, 'series[].unit', units);
  // 2. Data: one record per (unit, step).
  const values = series.flatMap((s) =>
    s.values.map((value, j) => ({ unit: s.unit, step: s.steps?.[j] ?? j, value })),
  );
  // 3. The spec.
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    description: `objective of ${series.length} units over steps`,
    width: opts.width,
    height: 260,
    data: { values },
    mark: { type: 'line', interpolate: 'linear' },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: opts.xTitle },
      y: { field: 'value', type: 'quantitative', title: opts.yTitle, scale: { zero: false } },
      color: { field: 'unit', type: 'nominal', sort: units, title: 'unit' },
      tooltip: [
        { field: 'unit', type: 'nominal' },
        { field: 'step', type: 'quantitative' },
        { field: 'value', type: 'quantitative', format: '.4g' },
      ],
    },
  };
}
