/** `controlComparison`: a metric on the trained network against its controls, with the value it must pass. */
import type { TopLevelSpec } from 'vega-lite';
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';
import { VEGA_LITE_SCHEMA } from './spec-parts.js';
import { assertFinite, assertLabel, assertNonEmpty, assertUnique } from './validate.js';

const FN = 'controlComparison';

/** d3-format of the printed values: 4 significant digits without padding zeros (0.31, not 0.3100). */
const VALUE_FORMAT = '.4~g';

/** Whether a row is the network under study or one of its controls. */
export const CONTROL_ROLES = ['trained', 'control'] as const;
export type ControlRole = (typeof CONTROL_ROLES)[number];

/** One network's value of the metric, optionally with an interval (`lower ≤ value ≤ upper`, both or neither). */
export interface ControlComparisonEntry {
  readonly label: string;
  readonly value: number;
  readonly role: ControlRole;
  readonly lower?: number;
  readonly upper?: number;
}

/** Options of `controlComparison`. */
export interface ControlComparisonOptions {
  /** Chart title. Default none. */
  readonly title?: string;
  /** Title of the value axis. Default `'value'`. */
  readonly valueTitle?: string;
  /** The value the trained network must pass (e.g. the strongest control + the margin): a dashed rule. Default none. */
  readonly threshold?: number;
  /** Text beside the threshold rule. Default `'required'`. */
  readonly thresholdLabel?: string;
  /** Width in pixels. Default 360. */
  readonly width?: number;
  /** Height of one row in pixels. Default 24. */
  readonly step?: number;
}

const DEFAULTS = { valueTitle: 'value', thresholdLabel: 'required', width: 360, step: 24 } satisfies Required<
  Omit<ControlComparisonOptions, 'title' | 'threshold'>
>;

/**
 * One row per network in input order: a point at its value (trained and controls in two colors, the legend below),
 * its value printed beside it (4 significant digits, no padding zeros), an interval as a rule with ticks where given, and a dashed vertical rule at `threshold`.
 * @example controlComparison([{ label: 'trained', value: 0.48, role: 'trained', lower: 0.41, upper: 0.55 }, { label: 'seed 1', value: -0.04, role: 'control' }], { threshold: 0.2 })
 */
export function controlComparison(
  entries: readonly ControlComparisonEntry[],
  options: ControlComparisonOptions = {},
): TopLevelSpec {
  // 1. Options and input.
  const opts = { ...DEFAULTS, ...options };
  assertNonEmpty(FN, 'entries', entries);
  entries.forEach((e, i) => {
    assertLabel(FN, `entries[${i}].label`, e.label);
    assertFinite(FN, `entries[${i}].value`, e.value);
    if (!(CONTROL_ROLES as readonly string[]).includes(e.role))
      throw new ChartInputError(
        MESSAGES.badOption(FN, `entries[${i}].role`, `one of ${CONTROL_ROLES.join(', ')}`, e.role),
      );
    if ((e.lower === undefined) !== (e.upper === undefined))
      throw new ChartInputError(
        MESSAGES.badOption(FN, `entries[${i}].upper`, 'given with lower (both or neither)', e.upper),
      );
    if (e.lower !== undefined && e.upper !== undefined) {
      assertFinite(FN, `entries[${i}].lower`, e.lower);
      assertFinite(FN, `entries[${i}].upper`, e.upper);
      if (!(e.lower <= e.value && e.value <= e.upper))
        throw new ChartInputError(
          MESSAGES.outOfRange(FN, `entries[${i}].value`, `its interval [${e.lower}, ${e.upper}]`, e.value),
        );
    }
  });
  assertUnique(
    FN,
    'entries[].label',
    entries.map((e) => e.label),
  );
  if (opts.threshold !== undefined) assertFinite(FN, 'options.threshold', opts.threshold);
  // 2. Data and shared encodings.
  const labels = entries.map((e) => e.label);
  const values = entries.map((e) => ({ label: e.label, value: e.value, role: e.role }));
  const intervals = entries.filter((e) => e.lower !== undefined);
  const y = { field: 'label', type: 'nominal', sort: labels, title: null } as const;
  const x = { field: 'value', type: 'quantitative', title: opts.valueTitle, scale: { zero: false } } as const;
  // 3. The spec: intervals, points, value labels, the threshold.
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    description: `${entries.length} networks' values${opts.threshold === undefined ? '' : ` against a threshold of ${opts.threshold}`}`,
    width: opts.width,
    height: { step: opts.step },
    layer: [
      ...(intervals.length === 0
        ? []
        : [
            {
              data: { values: intervals.map((e) => ({ label: e.label, lower: e.lower, upper: e.upper })) },
              mark: { type: 'errorbar', ticks: true },
              encoding: { y, x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
            } as const,
          ]),
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 80 },
        encoding: {
          y,
          x,
          color: {
            field: 'role',
            type: 'nominal',
            scale: { domain: [...CONTROL_ROLES] },
            title: null,
            legend: { orient: 'bottom' },
          },
          tooltip: [
            { field: 'label', type: 'nominal' },
            { field: 'value', type: 'quantitative', format: VALUE_FORMAT },
          ],
        },
      },
      {
        data: { values },
        mark: { type: 'text', align: 'left', dx: 8, fontSize: 10 },
        encoding: { y, x, text: { field: 'value', type: 'quantitative', format: VALUE_FORMAT } },
      },
      ...(opts.threshold === undefined
        ? []
        : [
            {
              data: { values: [{ threshold: opts.threshold, label: opts.thresholdLabel }] },
              mark: { type: 'rule', strokeDash: [4, 3] as number[], color: '#555' },
              encoding: { x: { field: 'threshold', type: 'quantitative' } },
            } as const,
            {
              data: { values: [{ threshold: opts.threshold, label: opts.thresholdLabel }] },
              mark: {
                type: 'text',
                align: 'left',
                baseline: 'top',
                dx: 4,
                y: 2,
                fontSize: 10,
                color: '#555',
              },
              encoding: { x: { field: 'threshold', type: 'quantitative' }, text: { field: 'label' } },
            } as const,
          ]),
    ],
  };
}
