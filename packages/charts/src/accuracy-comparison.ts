/** `accuracyComparison`: accuracies of several models side by side as bars, optionally grouped by dataset. */
import type { TopLevelSpec } from 'vega-lite';
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';
import { VEGA_LITE_SCHEMA } from './spec-parts.js';
import { assertFinite, assertLabel, assertNonEmpty } from './validate.js';

const FN = 'accuracyComparison';

/** One model's accuracy in [0, 1], optionally on one dataset (`group`). */
export interface AccuracyEntry {
  readonly model: string;
  readonly accuracy: number;
  readonly group?: string;
}

/** Options of `accuracyComparison`. */
export interface AccuracyComparisonOptions {
  /** Chart title. Default none. */
  readonly title?: string;
  /** Title of the value axis. Default `'test accuracy'`. */
  readonly valueTitle?: string;
  /** Width of one model's band in pixels when not grouped (longer labels are truncated with …). Default 100. */
  readonly step?: number;
  /** Width of one bar in pixels when grouped by dataset. Default 36. */
  readonly barStep?: number;
}

const DEFAULTS = { valueTitle: 'test accuracy', step: 100, barStep: 36 } satisfies Required<
  Omit<AccuracyComparisonOptions, 'title'>
>;

/**
 * Vertical bars on a [0, 1] axis with the accuracy printed above each (as a percentage), models colored. With
 * groups (datasets), x is the group and the models of a group sit side by side (`xOffset`).
 * @example accuracyComparison([{ model: 'CNN', accuracy: 0.98 }, { model: 'logistic regression', accuracy: 0.91 }])
 */
export function accuracyComparison(
  entries: readonly AccuracyEntry[],
  options: AccuracyComparisonOptions = {},
): TopLevelSpec {
  // 1. Options and input.
  const opts = { ...DEFAULTS, ...options };
  assertNonEmpty(FN, 'entries', entries);
  entries.forEach((e, i) => {
    assertLabel(FN, `entries[${i}].model`, e.model);
    assertFinite(FN, `entries[${i}].accuracy`, e.accuracy);
    if (e.accuracy < 0 || e.accuracy > 1)
      throw new ChartInputError(MESSAGES.outOfRange(FN, `entries[${i}].accuracy`, '[0, 1]', e.accuracy));
  });
  // 2. Data and encodings.
  const grouped = entries.some((e) => e.group !== undefined);
  const models = [...new Set(entries.map((e) => e.model))];
  const values = entries.map((e) => ({ model: e.model, accuracy: e.accuracy, group: e.group ?? '' }));
  const x = grouped
    ? ({ field: 'group', type: 'nominal', title: null, axis: { labelAngle: 0 } } as const)
    : ({
        field: 'model',
        type: 'nominal',
        sort: models,
        title: null,
        axis: { labelAngle: 0, labelLimit: opts.step },
      } as const);
  const xOffset = grouped ? { xOffset: { field: 'model', type: 'nominal', sort: models } as const } : {};
  const y = {
    field: 'accuracy',
    type: 'quantitative',
    title: opts.valueTitle,
    scale: { domain: [0, 1] as number[] },
  } as const;
  // 3. The spec: bars and their labels.
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    description: `accuracy of ${models.length} models${grouped ? ' per dataset' : ''}`,
    // Grouped: the step is one bar inside a dataset's band, so the chart grows with the models, not 3× wider.
    width: grouped ? { step: opts.barStep, for: 'offset' } : { step: opts.step },
    height: 240,
    data: { values },
    encoding: { x, ...xOffset, y },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          color: { field: 'model', type: 'nominal', sort: models, title: 'model' },
          tooltip: [
            { field: 'model', type: 'nominal' },
            ...(grouped ? [{ field: 'group', type: 'nominal', title: 'dataset' } as const] : []),
            { field: 'accuracy', type: 'quantitative', format: '.2%' },
          ],
        },
      },
      {
        mark: { type: 'text', dy: -6, fontSize: 10 },
        encoding: { text: { field: 'accuracy', type: 'quantitative', format: '.1%' } },
      },
    ],
  };
}
