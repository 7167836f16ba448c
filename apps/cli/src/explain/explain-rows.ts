/** `explainRows`: one local method over the chosen rows, each row explaining its own class (rows grouped by class). */
import {
  explainedOutput,
  selectRows,
  type Matrix,
  type OutputSpace,
  type TabularClassifier,
} from '@openbox/tabular';
import { CommandError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import { runLocal, type LocalMethod, type LocalMethodOptions } from './explain-methods.js';

/** One explained row: what `--json` prints per row, before the values are keyed by feature name. */
export interface RowExplanation {
  /** The row's index among the CSV's data rows, from 0. */
  readonly row: number;
  /** The explained class's index. */
  readonly classIndex: number;
  /** f(x): the explained class's probability or logit. */
  readonly prediction: number;
  /** E_background[f] (Shapley methods), f(baseline) (integrated gradients). */
  readonly baseValue: number;
  /** One value per feature. */
  readonly values: Float64Array;
  /** One per feature, for methods that estimate (KernelSHAP, expected gradients where given). */
  readonly standardErrors?: Float64Array;
}

/** The rows to explain: their CSV indices and the model inputs. */
export interface ExplainedRows {
  readonly indices: readonly number[];
  readonly x: Matrix;
  /** The class explained for each row (`classesPerRow`). */
  readonly classes: Int32Array;
}

const allFinite = (values: ArrayLike<number>): boolean => Array.prototype.every.call(values, Number.isFinite);

/**
 * Runs `method` once per explained class, on that class's rows in one batched call (`explainedOutput` of the class in
 * `output` space), and returns the rows in their given order. An explainer's error becomes a `CommandError` naming
 * the method; a non-finite result is refused (JSON cannot hold it).
 * @example explainRows('exact', classifier, rows, 'probability', { background, seed: 0, samples: undefined })
 */
export function explainRows(
  method: LocalMethod,
  classifier: TabularClassifier,
  rows: ExplainedRows,
  output: OutputSpace,
  options: LocalMethodOptions,
): RowExplanation[] {
  const out = new Array<RowExplanation>(rows.indices.length);
  const d = rows.x.cols;
  for (const k of new Set(rows.classes)) {
    const at = rows.indices.flatMap((_, i) => (rows.classes[i] === k ? [i] : []));
    let e;
    try {
      const f = explainedOutput(classifier, { target: k, output });
      e = runLocal(method, f, selectRows(rows.x, at), options);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CommandError('attribution-failed', MESSAGES.explainFailed(method, reason));
    }
    at.forEach((i, r) => {
      const values = e.values.slice(r * d, (r + 1) * d);
      const standardErrors = e.standardErrors?.slice(r * d, (r + 1) * d);
      const row: RowExplanation = {
        row: rows.indices[i]!,
        classIndex: k,
        prediction: e.predictions[r]!,
        baseValue: e.baseValue,
        values,
        ...(standardErrors === undefined ? {} : { standardErrors }),
      };
      const numbers = [row.prediction, row.baseValue, ...values, ...(standardErrors ?? [])];
      if (!allFinite(numbers))
        throw new CommandError('non-finite-output', MESSAGES.nonFiniteExplanation(method, row.row));
      out[i] = row;
    });
  }
  return out;
}
