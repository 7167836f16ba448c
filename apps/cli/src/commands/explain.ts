/** `openbox explain`: Shapley values, LinearSHAP, gradients or permutation importance of a classifier on a CSV's rows. */
import { DEFAULT_MAX_BYTES } from '@openbox/datasets';
import { initBackend } from '@openbox/runtime';
import { escapeForMessage } from '@openbox/safe-io';
import { OUTPUT_SPACES } from '@openbox/tabular';
import { parseOptions, type OptionSpecs } from '../args.js';
import type { Command } from '../command.js';
import { SEED_OPTION } from '../common-options.js';
import { UsageError } from '../errors.js';
import { buildExplainedModel } from '../explain/explain-model.js';
import { EXPLAIN_METHODS } from '../explain/explain-methods.js';
import { readExplainTable } from '../explain/explain-table.js';
import { DEFAULT_BACKGROUND_SIZE, DEFAULT_ROWS, planExplain, runExplain } from '../explain/run-explain.js';
import { MESSAGES } from '../messages.js';
import { createStageLog } from '../stage-log.js';
import { formatUsage } from '../usage.js';

/** The options of `openbox explain`. */
export const EXPLAIN_OPTIONS = {
  csv: {
    kind: 'string',
    pathLike: true,
    required: true,
    placeholder: 'FILE',
    help: 'the data: a header row, then one row per case (the rules of openbox logistic --csv)',
  },
  target: {
    kind: 'string',
    required: true,
    placeholder: 'COL',
    help: 'the class column (2 classes or more)',
  },
  features: {
    kind: 'list',
    item: { kind: 'string' },
    maxItems: 10_000,
    placeholder: 'a,b,c',
    help: 'feature columns, in the model’s order (default: every other column)',
  },
  standardize: {
    kind: 'flag',
    help: "feed the model (x − mean)/sd with the CSV's means and population sds (applied to --background too); values are then per standardized unit",
  },
  model: {
    kind: 'string',
    pathLike: true,
    default: 'lr',
    placeholder: 'lr|mlp|PATH',
    help: 'lr: the exact logistic regression (binary, or multinomial for more classes); mlp: an MLP trained on the CSV (--hidden, --seed); else a tfjs model.json taking the feature columns as they are in the CSV (write ./lr for a file named lr)',
  },
  method: {
    kind: 'enum',
    values: EXPLAIN_METHODS,
    placeholder: 'NAME',
    help: 'exact Shapley values (d ≤ 16), KernelSHAP, LinearSHAP (lr in logit space), integrated or expected gradients, permutation importance (global, on the labels), or all local methods that apply (default: exact for d ≤ 16, else kernel)',
  },
  background: {
    kind: 'string',
    pathLike: true,
    placeholder: 'FILE',
    help: 'background rows: a CSV with the feature columns (the target column may be absent; other columns are ignored)',
  },
  'background-size': {
    kind: 'integer',
    min: 1,
    max: 100_000,
    help: `or this many rows of the CSV, sampled without replacement by --seed (default ${DEFAULT_BACKGROUND_SIZE})`,
  },
  rows: {
    kind: 'range-list',
    maxCount: 100_000,
    placeholder: '0-9',
    help: `data rows of the CSV to explain, from 0 (default: the first ${DEFAULT_ROWS}; permutation: every row)`,
  },
  output: {
    kind: 'enum',
    values: OUTPUT_SPACES,
    default: 'probability',
    placeholder: 'SPACE',
    help: "the explained number: the class's probability or its logit log(p/(1 − p)) (a sigmoid output's pre-activation)",
  },
  class: {
    kind: 'string',
    placeholder: 'NAME|INDEX',
    help: "the explained class (default: the second class for two, else each row's predicted class)",
  },
  samples: {
    kind: 'integer',
    min: 2,
    max: 1_000_000,
    help: "KernelSHAP's coalitions, expected gradients' baselines per row (default: theirs)",
  },
  seed: {
    ...SEED_OPTION,
    help: 'seed of the background sample, the MLP, KernelSHAP, expected gradients, permutations',
  },
  l2: {
    kind: 'float',
    min: 0,
    max: 1e6,
    placeholder: 'X',
    help: "L2 strength: lr minimizes Σ log-loss + (X/2)·‖w‖² (default 0, unpenalized); mlp: Keras's kernel regularizer (default trainMlp's)",
  },
  hidden: {
    kind: 'list',
    item: { kind: 'integer', min: 1, max: 4096 },
    maxItems: 8,
    placeholder: '32,16',
    help: "the MLP's hidden layer sizes (--model mlp; default 32,16)",
  },
  'save-model': {
    kind: 'string',
    pathLike: true,
    placeholder: 'DIR',
    help: 'with --model mlp: save the trained MLP there (model.json + weights, the runtime’s saveModel) to explain or compare it later with --model DIR/model.json (add --standardize again if it was trained with it)',
  },
  'max-bytes': {
    kind: 'integer',
    min: 1,
    max: 2 ** 40,
    default: DEFAULT_MAX_BYTES,
    placeholder: 'N',
    help: 'largest CSV file read (--csv and --background), in bytes',
  },
  json: {
    kind: 'flag',
    help: 'print one JSON object { method, output, features, explanations: [{ row, class, prediction, baseValue, values }] }',
  },
} as const satisfies OptionSpecs;

const USAGE = formatUsage(
  `openbox explain --csv FILE --target COL [--features a,b] [--standardize] [--model lr|mlp|PATH]
                [--method NAME] [--background FILE | --background-size N] [--rows 0-9] [--output SPACE]
                [--class NAME|INDEX] [--samples N] [--seed N] [--l2 X] [--hidden 32,16] [--save-model DIR]
                [--json]`,
  EXPLAIN_OPTIONS,
  [
    'Shapley values are interventional: v(S) = mean over the background rows b of f(x_S, b_rest), as SHAP’s Exact and Kernel explainers with a background masker; they sum to prediction − baseValue.',
    'Exit code 0 on success, 1 on a bad file, a model that does not fit the table or a failed method, 2 on bad arguments.',
  ],
);

export const explainCommand: Command = {
  summary: 'explain a classifier on a CSV: exact/Kernel SHAP, LinearSHAP, gradients, permutation importance',
  usage: USAGE,
  async run(argv) {
    // 1. Arguments, before any file is read.
    const args = parseOptions(EXPLAIN_OPTIONS, argv);
    if (args.background !== undefined && args.backgroundSize !== undefined)
      throw new UsageError('invalid-value', MESSAGES.bothBackgrounds(), 'background-size');
    if (args.saveModel !== undefined && args.model !== 'mlp')
      throw new UsageError(
        'invalid-value',
        MESSAGES.onlyWithMlp('save-model', escapeForMessage(args.model), 'saves the trained MLP'),
        'save-model',
      );
    if (args.hidden !== undefined && args.model !== 'mlp')
      throw new UsageError(
        'invalid-value',
        MESSAGES.onlyWithMlp('hidden', escapeForMessage(args.model)),
        'hidden',
      );
    // 2. Backend and table.
    const log = createStageLog('openbox explain');
    await initBackend();
    log.stage(`reading ${escapeForMessage(args.csv, 200)}`);
    const table = await readExplainTable(args);
    const plan = await planExplain(args, table);
    // 3. The model (disposed at the end).
    log.stage(`${args.model === 'lr' || args.model === 'mlp' ? 'fitting' : 'loading'} the model`);
    const model = await buildExplainedModel(args, table);
    try {
      // 4. Explain and print.
      log.stage(`explaining ${plan.indices.length} rows (${plan.method})`);
      const { json, text } = await runExplain(args, table, model, plan);
      console.log(args.json ? JSON.stringify(json) : text);
      log.stage('done');
      return 0;
    } finally {
      model.dispose();
    }
  },
};
