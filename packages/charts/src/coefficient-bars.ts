/** `coefficientBars`: coefficient estimates as bars with confidence-interval error bars. */
import type { TopLevelSpec } from 'vega-lite';
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';
import { VEGA_LITE_SCHEMA } from './spec-parts.js';
import { assertFinite, assertLabel, assertNonEmpty } from './validate.js';

const FN = 'coefficientBars';

/** A coefficient with its confidence interval (e.g. Wald 95%: estimate ± 1.96·SE). */
export interface CoefficientInterval {
  readonly feature: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** Optional group (e.g. the model or class), drawn side by side with its own color. */
  readonly group?: string;
}

/** Options of `coefficientBars`. */
export interface CoefficientBarsOptions {
  /** Chart title. Default none. */
  readonly title?: string;
  /** Title of the value axis. Default `'coefficient (95% CI)'`. */
  readonly valueTitle?: string;
  /** Width in pixels. Default 360. */
  readonly width?: number;
  /** Height of one feature's band in pixels. Default 22. */
  readonly step?: number;
  /** The "no effect" value: bars start there and a rule marks it (1 for odds ratios). Default 0. */
  readonly reference?: number;
  /** A log value axis (odds ratios: 2× and 0.5× equally far from 1). Every value must be > 0. Default false. */
  readonly logScale?: boolean;
}

const DEFAULTS = {
  valueTitle: 'coefficient (95% CI)',
  width: 360,
  step: 22,
  reference: 0,
  logScale: false,
} satisfies Required<Omit<CoefficientBarsOptions, 'title'>>;

/**
 * Horizontal bars, one per feature in input order, from `reference` (0) to the estimate, with an error bar from
 * `lower` to `upper` and a rule at `reference` (an interval crossing it is not significant). With groups, bars of a feature sit
 * side by side (`yOffset`) colored by group.
 * @example coefficientBars([{ feature: 'mass', estimate: 0.8, lower: 0.5, upper: 1.1 }])
 */
export function coefficientBars(
  rows: readonly CoefficientInterval[],
  options: CoefficientBarsOptions = {},
): TopLevelSpec {
  // 1. Options and input.
  const opts = { ...DEFAULTS, ...options };
  assertNonEmpty(FN, 'rows', rows);
  rows.forEach((r, i) => {
    assertLabel(FN, `rows[${i}].feature`, r.feature);
    assertFinite(FN, `rows[${i}].estimate`, r.estimate);
    assertFinite(FN, `rows[${i}].lower`, r.lower);
    assertFinite(FN, `rows[${i}].upper`, r.upper);
    if (!(r.lower <= r.estimate && r.estimate <= r.upper))
      throw new ChartInputError(MESSAGES.badInterval(FN, `rows[${i}]`));
    if (opts.logScale && !(r.lower > 0))
      throw new ChartInputError(MESSAGES.badOption(FN, `rows[${i}].lower`, '> 0 on a log scale', r.lower));
  });
  assertFinite(FN, 'options.reference', opts.reference);
  if (opts.logScale && !(opts.reference > 0))
    throw new ChartInputError(
      MESSAGES.badOption(FN, 'options.reference', '> 0 on a log scale', opts.reference),
    );
  const scale = opts.logScale ? { scale: { type: 'log' } as const } : {};
  // 2. Data and shared encodings.
  const grouped = rows.some((r) => r.group !== undefined);
  const features = [...new Set(rows.map((r) => r.feature))];
  const values = rows.map((r) => ({ ...r, group: r.group ?? '' }));
  const y = { field: 'feature', type: 'nominal', sort: features, title: null } as const;
  const yOffset = grouped ? { yOffset: { field: 'group', type: 'nominal' } as const } : {};
  const color = grouped ? { color: { field: 'group', type: 'nominal', title: 'group' } as const } : {};
  // 3. The spec: bars from the reference, error bars, a rule at the reference.
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    description: `coefficients of ${features.length} features with confidence intervals`,
    width: opts.width,
    height: { step: opts.step },
    layer: [
      {
        data: { values },
        mark: { type: 'bar', opacity: 0.7 },
        encoding: {
          y,
          ...yOffset,
          x: { field: 'estimate', type: 'quantitative', title: opts.valueTitle, ...scale },
          x2: { datum: opts.reference },
          ...color,
          tooltip: [
            { field: 'feature', type: 'nominal' },
            ...(grouped ? [{ field: 'group', type: 'nominal' } as const] : []),
            { field: 'estimate', type: 'quantitative', format: '.4g' },
            { field: 'lower', type: 'quantitative', format: '.4g' },
            { field: 'upper', type: 'quantitative', format: '.4g' },
          ],
        },
      },
      {
        data: { values },
        mark: { type: 'errorbar', ticks: true },
        encoding: {
          y,
          ...yOffset,
          x: { field: 'lower', type: 'quantitative', title: opts.valueTitle, ...scale },
          x2: { field: 'upper' },
        },
      },
      {
        data: { values: [{ reference: opts.reference }] },
        mark: { type: 'rule', color: '#555' },
        encoding: { x: { field: 'reference', type: 'quantitative', ...scale } },
      },
    ],
  };
}
