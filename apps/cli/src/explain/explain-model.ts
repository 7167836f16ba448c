/** `buildExplainedModel`: `--model lr | mlp | PATH` → the classifier the explainers query, fitted or loaded for the table. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { fitExactLogistic, fitExactMultinomial, IllPosedError } from '@openbox/logistic';
import { loadModel, saveModel } from '@openbox/runtime';
import { escapeForMessage } from '@openbox/safe-io';
import { fromLayersModel, fromLogistic, trainMlp, type TabularClassifier } from '@openbox/tabular';
import { CommandError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import type { ExplainTable } from './explain-table.js';

/** The two models the command fits itself; anything else given to `--model` is the path of a model.json. */
export const BUILT_IN_MODELS = ['lr', 'mlp'] as const;

/** How the model is built. */
export interface ModelChoice {
  /** `lr`, `mlp`, or a model.json path. */
  readonly model: string;
  /** L2 strength (lr: unpenalized when absent; mlp: trainMlp's default when absent). */
  readonly l2: number | undefined;
  /** Hidden layer sizes of the MLP (trainMlp's default when absent). */
  readonly hidden: readonly number[] | undefined;
  readonly seed: number;
  /** With `mlp`: the folder the trained MLP is saved to (`saveModel` of the runtime). */
  readonly saveModel?: string | undefined;
}

/** The classifier, whether it is a logistic regression, and how to free it. */
export interface ExplainedModel {
  readonly classifier: TabularClassifier;
  /** `lr`, `mlp` or `file`. */
  readonly kind: 'lr' | 'mlp' | 'file';
  /** Disposes the tfjs model, if any. */
  dispose(): void;
}

/**
 * 1. `lr`: `fitExactLogistic` (two classes; class 1 is the second class name) or `fitExactMultinomial`, float64,
 * unpenalized unless `l2` (a separation error becomes a message suggesting `--l2`). 2. `mlp`: `trainMlp` on every
 * row, seeded (saved to `saveModel` when given). 3. A path: `loadModel`, which must take exactly the table's number of features.
 * @example const { classifier, dispose } = await buildExplainedModel({ model: 'lr', l2: undefined, hidden: undefined, seed: 0 }, table);
 */
export async function buildExplainedModel(choice: ModelChoice, table: ExplainTable): Promise<ExplainedModel> {
  const { x, labels, classNames, featureNames } = table;
  const classes = classNames.length;
  if (choice.model === 'lr') {
    const data = { features: x.data, shape: [x.rows, x.cols], featureNames, target: labels };
    const l2 = choice.l2 ?? 0;
    try {
      const fit =
        classes === 2
          ? fitExactLogistic(data, { l2 })
          : fitExactMultinomial({ ...data, numClasses: classes, classNames }, { l2 });
      return { classifier: fromLogistic(fit), kind: 'lr', dispose: () => undefined };
    } catch (error) {
      if (!(error instanceof IllPosedError)) throw error;
      const message = error.kind === 'separation' ? MESSAGES.separation : MESSAGES.illPosedFit;
      throw new CommandError('bad-input-file', message(error.message));
    }
  }
  if (choice.model === 'mlp') {
    const { model } = await trainMlp(
      { x, labels, classes },
      {
        seed: choice.seed,
        ...(choice.hidden === undefined ? {} : { hidden: choice.hidden }),
        ...(choice.l2 === undefined ? {} : { l2: choice.l2 }),
      },
    );
    if (choice.saveModel !== undefined) {
      try {
        await saveModel(model, choice.saveModel);
      } catch (error) {
        model.dispose();
        throw error;
      }
    }
    return fromModel(model, 'mlp', undefined);
  }
  const model = await loadModel(choice.model);
  try {
    const loaded = fromModel(model, 'file', choice.model);
    const width = loaded.classifier.features;
    if (width !== x.cols) {
      const names = featureNames.map((n) => escapeForMessage(n)).join(', ');
      const message = MESSAGES.modelWidth(escapeForMessage(choice.model), width, x.cols, names);
      throw new CommandError('bad-input-file', message);
    }
    return loaded;
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/** A LayersModel as a classifier; a model that is not one (an image input, no sigmoid/softmax head) names the file. */
function fromModel(model: tfl.LayersModel, kind: 'mlp' | 'file', path: string | undefined): ExplainedModel {
  let classifier: TabularClassifier;
  try {
    classifier = fromLayersModel(model);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CommandError(
      'bad-input-file',
      MESSAGES.notTabularModel(escapeForMessage(path ?? 'mlp'), reason),
    );
  }
  return { classifier, kind, dispose: () => model.dispose() };
}
