/** `openbox logistic`: exact logistic regression with inference, the equivalent tfjs net and ml-logistic-regression, side by side. */
import { parseArgs } from 'node:util';
import { loadCsv } from '@openbox/datasets';
import { analyzeLogistic, type CoefficientRow, type LogisticAnalysis } from '@openbox/logistic';
import { initBackend } from '@openbox/runtime';
import { UsageError, type Command } from '../command.js';

const USAGE = `openbox logistic --csv FILE --target COL [--features a,b,c] [--positive LABEL] [--standardize] [--l2 X]
                 [--ml-steps N] [--seed N] [--json]

  --csv FILE        the data (header row; rows with a missing value are dropped by the loader)
  --target COL      the class column; binary, or pick one class with --positive (one vs rest)
  --features a,b,c  feature columns (default: every other column)
  --positive LABEL  the class coded 1 (default: the second of two classes)
  --standardize     fit on (x − mean)/std (population std); coefficients also shown on the original scale
  --l2 X            minimize Σ log-loss + (X/2)·‖w‖², intercept not penalized (scikit-learn C = 1/X); default 0
  --ml-steps N      ml-logistic-regression steps (default: its own 50,000)
  --seed N          seed of the net's initializer (default 0)
  --json            one JSON object instead of tables`;

interface Args {
  csv: string;
  target: string;
  features: string[] | undefined;
  positive: string | undefined;
  standardize: boolean;
  l2: number;
  mlSteps: number | undefined;
  seed: number;
  json: boolean;
}

function parse(argv: readonly string[]): Args {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        csv: { type: 'string' },
        target: { type: 'string' },
        features: { type: 'string' },
        positive: { type: 'string' },
        standardize: { type: 'boolean', default: false },
        l2: { type: 'string' },
        'ml-steps': { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (!values.csv) throw new UsageError('--csv FILE is required');
  if (!values.target) throw new UsageError('--target COL is required');
  const number = (name: string, text: string | undefined, fallback: number, integer: boolean): number => {
    if (text === undefined) return fallback;
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v)))
      throw new UsageError(`--${name} must be a ${integer ? 'whole number' : 'number'} >= 0, got '${text}'`);
    return v;
  };
  const features = values.features
    ?.split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (features && features.length === 0) throw new UsageError('--features needs at least one column name');
  return {
    csv: values.csv,
    target: values.target,
    features,
    positive: values.positive,
    standardize: values.standardize ?? false,
    l2: number('l2', values.l2, 0, false),
    mlSteps: values['ml-steps'] === undefined ? undefined : number('ml-steps', values['ml-steps'], 0, true),
    seed: number('seed', values.seed, 0, true),
    json: values.json ?? false,
  };
}

const byName = <T>(names: readonly string[], values: ArrayLike<T>): Record<string, T> =>
  Object.fromEntries(names.map((n, j) => [n, values[j]!]));
const rowsBy = <T>(rows: readonly CoefficientRow[], pick: (r: CoefficientRow) => T): Record<string, T> =>
  Object.fromEntries(rows.map((r) => [r.name, pick(r)]));

function scaleJson(rows: readonly CoefficientRow[]) {
  return {
    intercept: rows[0]!.estimate,
    coefficients: rowsBy(rows.slice(1), (r) => r.estimate),
    standardErrors: rowsBy(rows, (r) => r.standardError),
    zValues: rowsBy(rows, (r) => r.z),
    pValues: rowsBy(rows, (r) => r.pValue),
    ci95: rowsBy(rows, (r) => r.ci95),
    oddsRatios: rowsBy(rows.slice(1), (r) => r.oddsRatio),
    oddsRatioCi95: rowsBy(rows.slice(1), (r) => r.oddsRatioCi95),
  };
}

/** The `--json` object (documented in packages/logistic/README.md). */
export function analysisJson(
  a: LogisticAnalysis,
  target: { column: string; positive: string; negative: string[] },
  l2: number,
  backend: string,
) {
  const names = a.features;
  return {
    n: a.n,
    features: names,
    target,
    l2,
    standardization: a.standardization
      ? { mean: byName(names, a.standardization.mean), std: byName(names, a.standardization.std) }
      : null,
    exact: {
      ...scaleJson(a.inference.coefficients),
      iterations: a.exact.iterations,
      converged: a.exact.converged,
      gradientNorm: a.exact.gradientNorm,
      logLikelihood: a.inference.logLikelihood,
      nullLogLikelihood: a.inference.nullLogLikelihood,
      deviance: a.inference.deviance,
      nullDeviance: a.inference.nullDeviance,
      aic: a.inference.aic,
      standardErrorsFromPenalizedInformation: a.inference.penalized,
      originalScale: a.inference.originalScale ? scaleJson(a.inference.originalScale) : null,
    },
    net: {
      model: 'Dense(1, sigmoid), binary cross-entropy, full-batch L-BFGS on tfjs gradients',
      backend,
      intercept: a.net.intercept,
      coefficients: byName(names, a.net.coefficients),
      epochs: a.net.epochs,
      iterations: a.net.iterations,
      converged: a.net.converged,
      gradientNorm: a.net.gradientNorm,
    },
    mlLogisticRegression: a.ml
      ? {
          intercept: a.ml.intercept,
          coefficients: byName(names, a.ml.coefficients),
          gradientNorm: a.ml.gradientNorm,
          numSteps: a.ml.numSteps,
          learningRate: a.ml.learningRate,
          comparedWith: a.mlReference,
        }
      : null,
    agreement: {
      tolerance: a.agreement.tolerance,
      netVsExactMaxAbs: a.agreement.net.maxAbs,
      mlVsExactMaxAbs: a.agreement.ml?.maxAbs ?? null,
      netVsExactPerCoefficient: {
        intercept: a.agreement.net.interceptAbs,
        ...byName(names, a.agreement.net.coefficientAbs),
      },
      netPredictionAgreement: a.agreement.net.predictionAgreement,
      mlPredictionAgreement: a.agreement.ml?.predictionAgreement ?? null,
      netMaxProbabilityAbs: a.agreement.net.maxProbabilityAbs,
      mlMaxProbabilityAbs: a.agreement.ml?.maxProbabilityAbs ?? null,
      verdict: a.agreement.verdict,
      summary: a.agreement.summary,
    },
    seconds: a.seconds,
  };
}

const g = (v: number, digits = 4): string =>
  !Number.isFinite(v)
    ? String(v)
    : v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)
      ? v.toExponential(digits - 1)
      : v.toPrecision(digits);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function coefficientTable(rows: readonly CoefficientRow[]): string {
  return table(
    ['', 'estimate', 'std.err', 'z', 'p', '95% CI', 'odds ratio', 'OR 95% CI'],
    rows.map((r) => [
      r.name,
      g(r.estimate),
      g(r.standardError),
      g(r.z, 3),
      g(r.pValue, 3),
      `[${g(r.ci95[0])}, ${g(r.ci95[1])}]`,
      r.name === 'intercept' ? '' : g(r.oddsRatio),
      r.name === 'intercept' ? '' : `[${g(r.oddsRatioCi95[0])}, ${g(r.oddsRatioCi95[1])}]`,
    ]),
  );
}

function report(
  a: LogisticAnalysis,
  target: { column: string; positive: string },
  l2: number,
  backend: string,
): string {
  const out: string[] = [];
  out.push(
    `Logistic regression of ${target.column} = '${target.positive}' on ${a.features.length} features, n = ${a.n}, l2 = ${l2}.`,
  );
  out.push('');
  out.push(
    `Exact fit (Newton/IRLS, float64): ${a.exact.iterations} iterations, ${a.exact.converged ? 'converged' : 'NOT converged'}, ‖∇‖ = ${g(a.exact.gradientNorm, 2)}`,
  );
  out.push(
    a.standardization ? 'Coefficients per standard deviation (standardized features):' : 'Coefficients:',
  );
  out.push(coefficientTable(a.inference.coefficients));
  if (a.inference.originalScale) {
    out.push('');
    out.push('Coefficients per unit of each original feature:');
    out.push(coefficientTable(a.inference.originalScale));
  }
  const i = a.inference;
  out.push('');
  out.push(
    `log-likelihood ${g(i.logLikelihood, 6)}   deviance ${g(i.deviance, 6)} (null ${g(i.nullDeviance, 6)})   AIC ${g(i.aic, 6)}`,
  );
  if (i.penalized) out.push('(l2 > 0: standard errors from the penalized information, an approximation)');
  out.push('');
  out.push('Three fits of the same model:');
  const names = ['intercept', ...a.features];
  const exact = [a.exact.intercept, ...a.exact.coefficients];
  const net = [a.net.intercept, ...a.net.coefficients];
  const ml = a.ml ? [a.ml.intercept, ...a.ml.coefficients] : null;
  out.push(
    table(
      ['', 'exact', 'tfjs net', 'ml-logistic-regression', '|net − exact|', '|ml − exact|'],
      names.map((n, k) => [
        n,
        g(exact[k]!, 8),
        g(net[k]!, 8),
        ml ? g(ml[k]!, 8) : '—',
        g(k === 0 ? a.agreement.net.interceptAbs : a.agreement.net.coefficientAbs[k - 1]!, 2),
        a.agreement.ml
          ? g(k === 0 ? a.agreement.ml.interceptAbs : a.agreement.ml.coefficientAbs[k - 1]!, 2)
          : '—',
      ]),
    ),
  );
  out.push(
    `net: Dense(1, sigmoid) on ${backend}, ${a.net.epochs} full-batch epochs, ${a.net.converged ? 'converged' : 'NOT converged'}`,
  );
  if (a.ml)
    out.push(
      `ml-logistic-regression: ${a.ml.numSteps} steps of ${a.ml.learningRate}, ‖∇ log-likelihood‖ = ${g(a.ml.gradientNorm, 2)} where it stopped${a.mlReference === 'exact with l2 = 0' ? ' (compared with the l2 = 0 fit: it has no L2)' : ''}`,
    );
  out.push(`Verdict: ${a.agreement.summary}`);
  return out.join('\n');
}

export const logisticCommand: Command = {
  summary:
    'logistic regression three ways (exact + inference, tfjs net, ml-logistic-regression) and whether they agree',
  usage: USAGE,
  async run(argv) {
    // 1. Arguments, backend, data.
    const args = parse(argv);
    const backend = await initBackend();
    const ds = loadCsv(args.csv, {
      target: args.target,
      ...(args.features ? { features: args.features } : {}),
    });
    // 2. The binary target.
    let positive = args.positive;
    if (positive === undefined) {
      if (ds.classNames.length !== 2)
        throw new UsageError(
          `--target ${args.target} has ${ds.classNames.length} classes (${ds.classNames.join(', ')}); pick one with --positive LABEL`,
        );
      positive = ds.classNames[1]!;
    }
    const index = ds.classNames.indexOf(positive);
    if (index < 0)
      throw new UsageError(
        `--positive '${positive}' is not a class of ${args.target}: ${ds.classNames.join(', ')}`,
      );
    const target = Array.from(ds.target, (c) => (c === index ? 1 : 0));
    // 3. Fit three ways and compare.
    const analysis = analyzeLogistic(
      { features: ds.features, shape: ds.shape, featureNames: ds.featureNames, target },
      {
        standardize: args.standardize,
        l2: args.l2,
        net: { seed: args.seed },
        ml: args.mlSteps === undefined ? {} : { numSteps: args.mlSteps },
      },
    );
    // 4. Print.
    const info = { column: args.target, positive, negative: ds.classNames.filter((c) => c !== positive) };
    console.log(
      args.json
        ? JSON.stringify(analysisJson(analysis, info, args.l2, backend.chosen), null, 2)
        : report(analysis, info, args.l2, backend.chosen),
    );
    return analysis.agreement.verdict === 'agree' ? 0 : 1;
  },
};
