/** `logisticReport`: the text report of `openbox logistic` (coefficient tables, fit summary, three fits, warnings). */
import type { CoefficientRow, LogisticAnalysis } from '@openbox/logistic';
import { formatNumber as num } from '../format-number.js';
import { MESSAGES } from '../messages.js';
import { table } from '../table.js';
import type { TargetInfo } from './logistic-json.js';

function coefficientTable(rows: readonly CoefficientRow[]): string {
  return table(
    ['', 'estimate', 'std.err', 'z', 'p', '95% CI', 'odds ratio', 'OR 95% CI'],
    rows.map((r) => [
      r.name,
      num(r.estimate),
      num(r.standardError),
      num(r.z, 3),
      num(r.pValue, 3),
      `[${num(r.ci95[0])}, ${num(r.ci95[1])}]`,
      r.name === 'intercept' ? '' : num(r.oddsRatio),
      r.name === 'intercept' ? '' : `[${num(r.oddsRatioCi95[0])}, ${num(r.oddsRatioCi95[1])}]`,
    ]),
  );
}

function estimateTable(names: readonly string[], values: readonly number[]): string {
  return table(
    ['', 'estimate'],
    names.map((n, k) => [n, num(values[k]!)]),
  );
}

/** 1. Header; 2. the exact fit with inference (or why none); 3. the three fits; 4. the verdict; 5. warnings. */
export function logisticReport(a: LogisticAnalysis, target: TargetInfo, l2: number, backend: string): string {
  const { inference } = a;
  const { warnings } = a.diagnostics;
  const names = ['intercept', ...a.features];
  const out: string[] = [];
  // 1. Header.
  out.push(
    `Logistic regression of ${target.column} = '${target.positive}' on ${a.features.length} features, n = ${a.n}, l2 = ${l2}.`,
    '',
    `Exact fit (Newton/IRLS, float64): ${a.exact.iterations} iterations, ${a.exact.converged ? 'converged' : 'NOT converged'}, ‖∇‖ = ${num(a.exact.gradientNorm, 2)}`,
    a.standardization ? 'Coefficients per standard deviation (standardized features):' : 'Coefficients:',
  );
  // 2. Inference, or the estimates alone and why.
  if (inference === null) {
    out.push(estimateTable(names, [a.exact.intercept, ...a.exact.coefficients]));
    out.push(
      MESSAGES.noInference(
        a.exact.converged
          ? 'its Fisher information is numerically singular'
          : `the exact fit did not converge (‖∇‖ = ${num(a.exact.gradientNorm, 2)})`,
      ),
    );
  } else {
    out.push(coefficientTable(inference.coefficients));
    if (inference.originalScale) {
      out.push(
        '',
        'Coefficients per unit of each original feature:',
        coefficientTable(inference.originalScale),
      );
    }
    out.push(
      '',
      `log-likelihood ${num(inference.logLikelihood, 6)}   deviance ${num(inference.deviance, 6)} (null ${num(inference.nullDeviance, 6)})   AIC ${num(inference.aic, 6)}`,
    );
    if (inference.penalized)
      out.push('(l2 > 0: standard errors from the penalized information, an approximation)');
  }
  // 3. The three fits.
  const exact = [a.exact.intercept, ...a.exact.coefficients];
  const net = [a.net.intercept, ...a.net.coefficients];
  const ml = a.ml ? [a.ml.intercept, ...a.ml.coefficients] : null;
  const netAbs = [a.agreement.net.interceptAbs, ...a.agreement.net.coefficientAbs];
  const mlAbs = a.agreement.ml ? [a.agreement.ml.interceptAbs, ...a.agreement.ml.coefficientAbs] : null;
  out.push(
    '',
    'Three fits of the same model:',
    table(
      ['', 'exact', 'tfjs net', 'ml-logistic-regression', '|net − exact|', '|ml − exact|'],
      names.map((n, k) => [
        n,
        num(exact[k]!, 8),
        num(net[k]!, 8),
        ml ? num(ml[k]!, 8) : '—',
        num(netAbs[k]!, 2),
        mlAbs ? num(mlAbs[k]!, 2) : '—',
      ]),
    ),
    `net: Dense(1, sigmoid) on ${backend}, ${a.net.epochs} full-batch epochs, ${a.net.converged ? 'converged' : 'NOT converged'}`,
  );
  if (a.ml) {
    out.push(
      `ml-logistic-regression: ${a.ml.numSteps} steps of ${a.ml.learningRate}, ‖∇ log-likelihood‖ = ${num(a.ml.gradientNorm, 2)} where it stopped${a.mlReference === 'exact with l2 = 0' ? ' (compared with the l2 = 0 fit: it has no L2)' : ''}`,
    );
  }
  // 4. Verdict.
  out.push(`Verdict: ${a.agreement.summary}`);
  // 5. Warnings.
  if (warnings.length > 0) out.push('', 'Warnings:', ...warnings.map((w) => `  - ${w.message} [${w.code}]`));
  return out.join('\n');
}
