/** Which class each explained row explains: `--class NAME|INDEX`, else the positive class (2 classes) or the prediction. */
import { escapeForMessage } from '@openbox/safe-io';
import type { Matrix, TabularClassifier } from '@openbox/tabular';
import { UsageError } from '../errors.js';
import { MESSAGES } from '../messages.js';

/**
 * The class names of `classifier`: the table's when it has as many classes, else `0`, `1`, … (a loaded model with
 * another number of classes than the target column).
 */
export function classNamesOf(
  classifier: TabularClassifier,
  tableClasses: readonly string[],
): readonly string[] {
  return classifier.classes === tableClasses.length
    ? tableClasses
    : Array.from({ length: classifier.classes }, (_, k) => String(k));
}

/**
 * `--class` as a class index: a class name first, else a canonical integer index below the class count; a
 * {@link UsageError} listing the classes otherwise.
 * @example resolveClass('Gentoo', ['Adelie', 'Chinstrap', 'Gentoo'], 'the model') // 2
 */
export function resolveClass(given: string, names: readonly string[], owner: string): number {
  const byName = names.indexOf(given);
  if (byName >= 0) return byName;
  if (/^(0|[1-9][0-9]{0,5})$/.test(given) && Number(given) < names.length) return Number(given);
  const classes = names.map((n, k) => `${k} '${escapeForMessage(n)}'`).join(', ');
  throw new UsageError(
    'invalid-value',
    MESSAGES.notAClassOf(escapeForMessage(given), owner, classes),
    'class',
  );
}

/**
 * The class explained for each row of `x`: `given` for all rows; else class 1 (the positive class) for two classes;
 * else each row's predicted class (argmax of its scores, the first on ties).
 * @example classesPerRow(classifier, rows, undefined) // Int32Array [2, 0, 0, 1]
 */
export function classesPerRow(
  classifier: TabularClassifier,
  x: Matrix,
  given: number | undefined,
): Int32Array {
  if (given !== undefined) return new Int32Array(x.rows).fill(given);
  if (classifier.classes === 2) return new Int32Array(x.rows).fill(1);
  const scores = classifier.scores(x);
  const k = classifier.classes;
  return Int32Array.from({ length: x.rows }, (_, r) => {
    let best = 0;
    for (let c = 1; c < k; c++) if (scores[r * k + c]! > scores[r * k + best]!) best = c;
    return best;
  });
}
