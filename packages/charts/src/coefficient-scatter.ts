/** `coefficientScatter`: two sets of coefficients against each other, with the y = x line and feature labels. */
import type { TopLevelSpec } from 'vega-lite';
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';
import { extent, VEGA_LITE_SCHEMA } from './spec-parts.js';
import { assertFinite, assertLabel, assertNonEmpty } from './validate.js';

const FN = 'coefficientScatter';

/** One coefficient estimated two ways, e.g. `x` from exact logistic regression and `y` from the trained net. */
export interface CoefficientPair {
  readonly feature: string;
  readonly x: number;
  readonly y: number;
  /** Optional group (e.g. the class of a multinomial model), drawn as color. */
  readonly group?: string;
}

/** Options of `coefficientScatter`. */
export interface CoefficientScatterOptions {
  /** Chart title. Default none. */
  readonly title?: string;
  /** Title of the x axis. Default `'exact logistic regression'`. */
  readonly xTitle?: string;
  /** Title of the y axis. Default `'network'`. */
  readonly yTitle?: string;
  /** Label every point with its feature: `'auto'` labels when there are at most 40 points. Default `'auto'`. */
  readonly labels?: boolean | 'auto';
  /** Width and height in pixels (the plot is square). Default 320. */
  readonly size?: number;
}

const DEFAULTS = {
  xTitle: 'exact logistic regression',
  yTitle: 'network',
  labels: 'auto',
  size: 320,
} satisfies Required<Omit<CoefficientScatterOptions, 'title'>>;

/**
 * A square scatter of `y` against `x` with both axes on the same domain (the joint extent padded by 5%), the
 * line y = x drawn across it (points on the line agree exactly) and, for small sets, each point labeled with
 * its feature. Tooltips show feature, x, y and |y − x|.
 * @example coefficientScatter([{ feature: 'bill_length', x: 1.2, y: 1.19 }], { yTitle: 'one-layer net' })
 */
export function coefficientScatter(
  points: readonly CoefficientPair[],
  options: CoefficientScatterOptions = {},
): TopLevelSpec {
  // 1. Options and input.
  const opts = { ...DEFAULTS, ...options };
  assertNonEmpty(FN, 'points', points);
  points.forEach((p, i) => {
    assertLabel(FN, `points[${i}].feature`, p.feature);
    assertFinite(FN, `points[${i}].x`, p.x);
    assertFinite(FN, `points[${i}].y`, p.y);
  });
  if (!(opts.size > 0))
    throw new ChartInputError(MESSAGES.badOption(FN, 'options.size', 'a positive number', opts.size));
  // 2. The shared domain and the diagonal.
  const [lo, hi] = extent(points.flatMap((p) => [p.x, p.y]));
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.05;
  const domain: [number, number] = [lo - pad, hi + pad];
  const showLabels = opts.labels === 'auto' ? points.length <= 40 : opts.labels;
  const grouped = points.some((p) => p.group !== undefined);
  const values = points.map((p) => ({
    feature: p.feature,
    x: p.x,
    y: p.y,
    diff: Math.abs(p.y - p.x),
    group: p.group ?? '',
  }));
  // 3. The spec: diagonal, points, labels.
  const x = {
    field: 'x',
    type: 'quantitative',
    title: opts.xTitle,
    scale: { domain, nice: false, zero: false },
  } as const;
  const y = {
    field: 'y',
    type: 'quantitative',
    title: opts.yTitle,
    scale: { domain, nice: false, zero: false },
  } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    description: `${opts.yTitle} against ${opts.xTitle}, ${points.length} coefficients, with the line y = x`,
    width: opts.size,
    height: opts.size,
    layer: [
      {
        data: {
          values: [
            { x: domain[0], y: domain[0] },
            { x: domain[1], y: domain[1] },
          ],
        },
        mark: { type: 'line', color: '#999', strokeDash: [4, 4] },
        encoding: { x, y },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 40 },
        encoding: {
          x,
          y,
          ...(grouped ? { color: { field: 'group', type: 'nominal', title: 'group' } } : {}),
          tooltip: [
            { field: 'feature', type: 'nominal' },
            { field: 'x', type: 'quantitative', format: '.4g', title: opts.xTitle },
            { field: 'y', type: 'quantitative', format: '.4g', title: opts.yTitle },
            { field: 'diff', type: 'quantitative', format: '.2e', title: '|y − x|' },
          ],
        },
      },
      ...(showLabels
        ? [
            {
              data: { values },
              mark: { type: 'text', align: 'left', dx: 6, dy: -6, fontSize: 10 },
              encoding: { x, y, text: { field: 'feature', type: 'nominal' } },
            } as const,
          ]
        : []),
    ],
  };
}
