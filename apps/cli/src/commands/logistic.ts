/** `openbox logistic`: exact logistic regression with inference, the equivalent tfjs net and ml-logistic-regression, side by side. */
import { DEFAULT_MAX_BYTES, loadCsv } from '@openbox/datasets';
import { analyzeLogistic } from '@openbox/logistic';
import { initBackend } from '@openbox/runtime';
import { escapeForMessage } from '@openbox/safe-io';
import { parseOptions, type OptionSpecs } from '../args.js';
import type { Command } from '../command.js';
import { SEED_OPTION } from '../common-options.js';
import { UsageError } from '../errors.js';
import { analysisJson, type TargetInfo } from '../logistic/logistic-json.js';
import { logisticReport } from '../logistic/logistic-report.js';
import { MESSAGES } from '../messages.js';
import { createStageLog } from '../stage-log.js';
import { formatUsage } from '../usage.js';

/** The options of `openbox logistic`. */
export const LOGISTIC_OPTIONS = {
  csv: {
    kind: 'string',
    pathLike: true,
    required: true,
    placeholder: 'FILE',
    help: 'the data: a header row, then one row per case; a row with an empty or NaN cell in a used column is an error naming the file, line and column (nothing is dropped or imputed)',
  },
  target: {
    kind: 'string',
    required: true,
    placeholder: 'COL',
    help: 'the class column; binary, or pick one class with --positive (one vs rest)',
  },
  features: {
    kind: 'list',
    item: { kind: 'string' },
    maxItems: 10_000,
    placeholder: 'a,b,c',
    help: 'feature columns (default: every other column)',
  },
  positive: {
    kind: 'string',
    placeholder: 'LABEL',
    help: 'the class coded 1 (default: the second of two classes)',
  },
  standardize: {
    kind: 'flag',
    help: 'fit on (x − mean)/std (population std); coefficients also shown on the original scale',
  },
  l2: {
    kind: 'float',
    min: 0,
    max: 1e6,
    default: 0,
    placeholder: 'X',
    help: 'minimize Σ log-loss + (X/2)·‖w‖², intercept not penalized (scikit-learn C = 1/X)',
  },
  'ml-steps': {
    kind: 'integer',
    min: 0,
    max: 1_000_000,
    help: 'ml-logistic-regression steps (default: the package default, bounded by a work budget; the report says how many ran)',
  },
  'max-bytes': {
    kind: 'integer',
    min: 1,
    max: 2 ** 40,
    default: DEFAULT_MAX_BYTES,
    placeholder: 'N',
    help: 'largest CSV file read, in bytes (the file is streamed: memory stays near the float32 table)',
  },
  seed: { ...SEED_OPTION, help: "seed of the net's initializer" },
  json: { kind: 'flag', help: 'print one JSON object on stdout instead of tables' },
} as const satisfies OptionSpecs;

const USAGE = formatUsage(
  `openbox logistic --csv FILE --target COL [--features a,b,c] [--positive LABEL] [--standardize] [--l2 X]
                 [--ml-steps N] [--max-bytes N] [--seed N] [--json]`,
  LOGISTIC_OPTIONS,
  [
    'Exit code 0 when the net agrees with the exact fit, 1 otherwise or on an ill-posed problem, 2 on bad arguments.',
  ],
);

export const logisticCommand: Command = {
  summary:
    'logistic regression three ways (exact + inference, tfjs net, ml-logistic-regression) and whether they agree',
  usage: USAGE,
  async run(argv) {
    // 1. Arguments, backend, data.
    const args = parseOptions(LOGISTIC_OPTIONS, argv);
    const log = createStageLog('openbox logistic');
    const backend = await initBackend();
    log.stage(`reading ${escapeForMessage(args.csv, 200)}`);
    const ds = await loadCsv(args.csv, {
      target: args.target,
      maxBytes: args.maxBytes,
      ...(args.features ? { features: args.features } : {}),
    });
    // 2. The binary target: one class vs the rest.
    const classes = ds.classNames.map((c) => escapeForMessage(c)).join(', ');
    if (args.positive === undefined && ds.classNames.length !== 2) {
      throw new UsageError(
        'invalid-value',
        MESSAGES.tooManyClasses(escapeForMessage(args.target), ds.classNames.length, classes),
        'target',
      );
    }
    const positive = args.positive ?? ds.classNames[1]!;
    const index = ds.classNames.indexOf(positive);
    if (index < 0) {
      const message = MESSAGES.notAClass(escapeForMessage(positive), escapeForMessage(args.target), classes);
      throw new UsageError('invalid-value', message, 'positive');
    }
    const target = Array.from(ds.target, (c) => (c === index ? 1 : 0));
    // 3. Fit three ways and compare.
    log.stage(
      `fitting ${ds.shape[0]} rows × ${ds.shape[1]} features: exact (Newton), the tfjs net, ml-logistic-regression`,
    );
    const analysis = analyzeLogistic(
      { features: ds.features, shape: ds.shape, featureNames: ds.featureNames, target },
      {
        standardize: args.standardize,
        l2: args.l2,
        net: { seed: args.seed },
        ml: args.mlSteps === undefined ? {} : { numSteps: args.mlSteps },
      },
    );
    log.stage('done');
    // 4. Print.
    const info: TargetInfo = {
      column: args.target,
      positive,
      negative: ds.classNames.filter((c) => c !== positive),
    };
    console.log(
      args.json
        ? JSON.stringify(analysisJson(analysis, info, args.l2, backend.chosen), null, 2)
        : logisticReport(analysis, info, args.l2, backend.chosen),
    );
    return analysis.agreement.verdict === 'agree' ? 0 : 1;
  },
};
