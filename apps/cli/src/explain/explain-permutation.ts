/** `explainPermutation`: permutation importance of the model on the chosen rows and their labels, features by name. */
import { escapeForMessage } from '@openbox/safe-io';
import { permutationImportance, type Matrix } from '@openbox/tabular';
import { CommandError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import type { ImportanceRow } from './explain-json.js';
import type { ExplainedModel } from './explain-model.js';

/** What the permutation run needs from the command line. */
export interface PermutationArgs {
  readonly model: string;
  readonly target: string;
  /** Classes of the target column. */
  readonly classes: number;
  readonly seed: number;
}

/**
 * `permutationImportance` with its defaults (log-loss, 10 repeats, a 95% t-interval) of `model` on rows `x` with `labels`.
 * A loaded model must have as many classes as the target column, since it is scored against the labels.
 * @example explainPermutation(model, x, labels, { model: 'lr', target: 'y', classes: 2, seed: 0 }, names)
 */
export function explainPermutation(
  model: ExplainedModel,
  x: Matrix,
  labels: Int32Array,
  args: PermutationArgs,
  features: readonly string[],
): { metric: string; baseline: number; level: number; importance: ImportanceRow[] } {
  const { classifier } = model;
  if (classifier.classes !== args.classes) {
    const message = MESSAGES.modelClasses(
      escapeForMessage(args.model),
      classifier.classes,
      escapeForMessage(args.target),
      args.classes,
    );
    throw new CommandError('bad-input-file', message);
  }
  let result;
  try {
    result = permutationImportance(classifier, x, labels, { seed: args.seed });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CommandError('attribution-failed', MESSAGES.explainFailed('permutation', reason));
  }
  const importance = result.features.map((r, j) => ({
    feature: features[j]!,
    mean: r.mean,
    sd: r.sd,
    low: r.low,
    high: r.high,
  }));
  return { metric: result.metric, baseline: result.baseline, level: result.level, importance };
}
