/** Vega-Lite charts of a logistic comparison: scatters with y = x, bars, accuracy, the control, the model.fit curves. */
import {
  accuracyComparison,
  coefficientBars,
  coefficientScatter,
  controlComparison,
  objectiveCurves,
  type AccuracyEntry,
  type CoefficientPair,
} from '@openbox/charts';
import type { ChartEntry } from '../results-format.js';
import { round4 } from './image-rows.js';
import type { LogisticComparison } from './logistic-fits.js';
import type { ModelFitArm } from './logistic-model-fit-arm.js';
import { squaredErrorJudgement, SQUARED_ERROR_MARGIN_DECADES } from './logistic-verdict.js';

/** Chart ids, declared once. */
export const LOGISTIC_CHART_IDS = [
  'binary-net-vs-exact',
  'binary-ml-vs-exact',
  'softmax-net-vs-exact',
  'one-vs-all-vs-exact',
  'coefficients-ci',
  'odds-ratios',
  'accuracy',
  'controls',
  'model-fit-gap',
] as const;
export type LogisticChartId = (typeof LOGISTIC_CHART_IDS)[number];

type Params = { readonly intercept: number; readonly coefficients: ArrayLike<number> };
type MultiParams = { readonly intercepts: ArrayLike<number>; readonly coefficients: ArrayLike<number> };

/** Intercept and coefficients of two binary fits as scatter points (x = reference, y = other). */
export function binaryPairs(
  names: readonly string[],
  x: Params,
  y: Params,
  group?: string,
): CoefficientPair[] {
  const g = group === undefined ? {} : { group };
  return [
    { feature: 'intercept', x: x.intercept, y: y.intercept, ...g },
    ...names.map((feature, j) => ({ feature, x: x.coefficients[j]!, y: y.coefficients[j]!, ...g })),
  ];
}

/** K rows of parameters as points labeled `class: feature`, grouped by `group` (default: the class). */
export function multiPairs(
  names: readonly string[],
  classes: readonly string[],
  x: MultiParams,
  y: MultiParams,
  group?: string,
): CoefficientPair[] {
  const d = names.length;
  return classes.flatMap((cls, k) =>
    binaryPairs(
      names,
      { intercept: x.intercepts[k]!, coefficients: Array.from(x.coefficients).slice(k * d, (k + 1) * d) },
      { intercept: y.intercepts[k]!, coefficients: Array.from(y.coefficients).slice(k * d, (k + 1) * d) },
      group ?? cls,
    ).map((p) => ({ ...p, feature: `${cls}: ${p.feature}` })),
  );
}

/**
 * The model.fit curves: max |Δ| vs the exact fit at each checkpoint epoch, one line per curve, both axes log (the
 * gap spans decades); the converged net's gap and the tolerances are in the title.
 */
export function modelFitGapChart(
  c: LogisticComparison,
  arm: ModelFitArm,
  tolerance: number,
): ChartEntry['spec'] {
  const spec = objectiveCurves(
    arm.curves.map((cv) => ({
      unit: cv.label,
      values: cv.maxAbs.map((v) => Math.max(v, 1e-12)),
      steps: cv.epochs,
    })),
    {
      title: `model.fit (Adam ${arm.learningRate}) vs exact LR: max |Δ| per epoch (its tolerance ${arm.tolerance}; the converged net: ${round4(c.binary.agreement.net.maxAbs)}, claim tolerance ${tolerance})`,
      xTitle: 'epoch (log)',
      yTitle: 'max |Δ| vs exact fit (log)',
    },
  ) as unknown as { encoding: Record<string, Record<string, unknown>> };
  const { x, y } = spec.encoding;
  return {
    ...spec,
    mark: { type: 'line', point: true },
    encoding: { ...spec.encoding, x: { ...x, scale: { type: 'log' } }, y: { ...y, scale: { type: 'log' } } },
  } as unknown as ChartEntry['spec'];
}

/**
 * The nine charts of a comparison (ids {@link LOGISTIC_CHART_IDS}); pure: it draws what was computed. Coefficients
 * are on the standardized scale (per standard deviation of each feature), where the tolerance is stated.
 */
export function logisticCharts(
  c: LogisticComparison,
  arm: ModelFitArm,
  positive: string,
  tolerance: number,
): ChartEntry[] {
  const { problem, binary, multinomial } = c;
  const names = problem.featureNames;
  const classes = problem.classNames;
  const task = `${positive} vs rest`;
  const penalty = (l2: number) => (l2 > 0 ? `, l2 = ${l2} (separable)` : '');
  const rows = binary.inference.coefficients.filter((r) => r.name !== 'intercept');
  const a = c.accuracy;
  const judged = squaredErrorJudgement(c);
  const entries: AccuracyEntry[] = [
    { model: 'exact LR', accuracy: a.binaryExact, group: task },
    { model: 'one-layer net', accuracy: a.binaryNet, group: task },
    { model: 'ml-logistic-regression', accuracy: a.binaryMl, group: task },
    { model: 'exact LR', accuracy: a.multinomialExact, group: 'multinomial' },
    { model: 'one-layer net', accuracy: a.softmaxNet, group: 'multinomial' },
    { model: 'exact LR', accuracy: a.oneVsAllExact, group: 'one-vs-all' },
    { model: 'one-layer net', accuracy: a.oneVsAllNet, group: 'one-vs-all' },
    { model: 'ml-logistic-regression', accuracy: a.oneVsAllMl, group: 'one-vs-all' },
  ];
  const charts: Record<LogisticChartId, ChartEntry['spec']> = {
    'binary-net-vs-exact': coefficientScatter(binaryPairs(names, binary.exact, binary.net), {
      title: `${task}${penalty(binary.l2)}: Dense(1, sigmoid) vs exact LR`,
      yTitle: 'one-layer net',
    }),
    'binary-ml-vs-exact': coefficientScatter(binaryPairs(names, binary.mlReference, binary.ml), {
      title: `${task}: ml-logistic-regression vs exact LR (l2 = ${binary.mlReference.l2})`,
      yTitle: 'ml-logistic-regression',
    }),
    'softmax-net-vs-exact': coefficientScatter(
      multiPairs(names, classes, multinomial.exact, multinomial.softmaxNet),
      {
        title: `multinomial${penalty(multinomial.l2)}: Dense(${classes.length}, softmax) vs exact, centred`,
        yTitle: 'softmax net',
        xTitle: 'exact multinomial logistic regression',
      },
    ),
    'one-vs-all-vs-exact': coefficientScatter(
      [
        ...multiPairs(names, classes, multinomial.exactOneVsAll, multinomial.netOneVsAll, 'sigmoid nets'),
        ...multiPairs(
          names,
          classes,
          multinomial.exactOneVsAll,
          multinomial.mlOneVsAll,
          'ml-logistic-regression',
        ),
      ],
      {
        title: `one-vs-all${penalty(multinomial.oneVsAllL2)}: sigmoid nets and ml-logistic-regression vs exact`,
        yTitle: 'one-vs-all fit',
        xTitle: 'exact one-vs-all logistic regression',
      },
    ),
    'coefficients-ci': coefficientBars(
      rows.map((r) => ({ feature: r.name, estimate: r.estimate, lower: r.ci95[0], upper: r.ci95[1] })),
      {
        title: `${task}: log-odds per SD with Wald 95% CI (0 = no effect)`,
        valueTitle: 'coefficient per SD (95% CI)',
      },
    ),
    'odds-ratios': coefficientBars(
      rows.map((r) => ({
        feature: r.name,
        estimate: r.oddsRatio,
        lower: r.oddsRatioCi95[0],
        upper: r.oddsRatioCi95[1],
      })),
      {
        title: `${task}: odds ratio per SD with 95% CI (1 = no effect)`,
        valueTitle: 'odds ratio per SD (95% CI)',
        reference: 1,
        logScale: true,
      },
    ),
    accuracy: accuracyComparison(entries, { title: 'training accuracy', valueTitle: 'training accuracy' }),
    controls: controlComparison(
      [
        { label: `Dense(1, sigmoid) on ${c.netLoss}`, value: judged.evidence.trained, role: 'trained' },
        ...judged.evidence.controls.map((cv) => ({
          label: cv.label,
          value: cv.value,
          role: 'control' as const,
        })),
      ],
      {
        title: `${task}: log10 max |Δ| from the exact fit (lower is closer)`,
        valueTitle: 'log10 max |Δ| vs exact LR',
        threshold: round4(judged.evidence.controls[0]!.value - SQUARED_ERROR_MARGIN_DECADES),
        thresholdLabel: `control − ${SQUARED_ERROR_MARGIN_DECADES} decades`,
      },
    ),
    'model-fit-gap': modelFitGapChart(c, arm, tolerance),
  };
  return LOGISTIC_CHART_IDS.map((id) => ({ id, title: titleOf(charts[id]), spec: charts[id] }));
}

function titleOf(spec: ChartEntry['spec']): string {
  const t = (spec as { title?: unknown }).title;
  return typeof t === 'string' ? t : '';
}
