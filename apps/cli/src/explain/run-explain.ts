/**
 * The steps of `openbox explain` between the arguments and stdout: `planExplain` (method, rows, background — every
 * check that needs no model) and `runExplain` (classes, the method or methods, the JSON object and the text).
 */
import { escapeForMessage } from '@openbox/safe-io';
import { sampleBackground, selectRows, type Matrix } from '@openbox/tabular';
import type { ParsedOptions } from '../args.js';
import type { EXPLAIN_OPTIONS } from '../commands/explain.js';
import { UsageError } from '../errors.js';
import { expandRangeList, rangeListOf } from '../range-list.js';
import { classesPerRow, classNamesOf, resolveClass } from './explain-class.js';
import { allJson, localJson, permutationJson } from './explain-json.js';
import {
  LOCAL_METHODS,
  defaultMethod,
  whyNot,
  type ExplainMethod,
  type LocalMethod,
} from './explain-methods.js';
import type { ExplainedModel } from './explain-model.js';
import { localReport, permutationReport } from './explain-report.js';
import { explainRows, type RowExplanation } from './explain-rows.js';
import { backgroundInputs, type ExplainTable } from './explain-table.js';
import { explainPermutation } from './explain-permutation.js';
import { readBackgroundCsv } from './read-background.js';

/** Background rows sampled from the CSV when no `--background` file is given. */
export const DEFAULT_BACKGROUND_SIZE = 100;
/** Rows explained when `--rows` is not given (the first ones). */
export const DEFAULT_ROWS = 10;

export type ExplainArgs = ParsedOptions<typeof EXPLAIN_OPTIONS>;

/** What is decided before the model exists. */
export interface ExplainPlan {
  readonly method: ExplainMethod;
  /** CSV data rows explained (local) or scored (permutation), sorted. */
  readonly indices: readonly number[];
  /** Background rows in model inputs (local methods only). */
  readonly background: Matrix | undefined;
}

const modelKind = (model: string): 'lr' | 'mlp' | 'file' =>
  model === 'lr' || model === 'mlp' ? model : 'file';

/**
 * 1. The method (default: exact for d ≤ 16, else kernel) and whether it applies (a usage error naming `--method`).
 * 2. The rows, checked against the CSV's row count. 3. The background: `--background FILE` (standardized like the
 * table) or `--background-size` rows of the CSV sampled by `--seed`.
 */
export async function planExplain(args: ExplainArgs, table: ExplainTable): Promise<ExplainPlan> {
  // 1. Method.
  const d = table.x.cols;
  const method = args.method ?? defaultMethod(d);
  const context = {
    features: d,
    model: modelKind(args.model),
    output: args.output,
    classes: table.classNames.length,
  };
  if (method !== 'all' && method !== 'permutation') {
    const why = whyNot(method, context);
    if (why !== undefined) throw new UsageError('invalid-value', why, 'method');
  }
  // 2. Rows.
  const n = table.x.rows;
  const list = args.rows ?? rangeListOf('rows', method === 'permutation' ? n : Math.min(DEFAULT_ROWS, n));
  const owner = `--csv '${escapeForMessage(args.csv, 200)}'`;
  const indices = expandRangeList(list, { limit: n, owner, unit: 'data rows' });
  // 3. Background.
  let background: Matrix | undefined;
  if (method !== 'permutation') {
    background =
      args.background === undefined
        ? sampleBackground(table.x, args.backgroundSize ?? DEFAULT_BACKGROUND_SIZE, args.seed)
        : backgroundInputs(
            await readBackgroundCsv(args.background, table.featureNames, args.maxBytes),
            d,
            table.standardization,
          );
  }
  return { method, indices, background };
}

/** The JSON object `--json` prints and the text printed otherwise. */
export interface ExplainOutput {
  readonly json: unknown;
  readonly text: string;
}

/**
 * 4. The class names and `--class`. 5. Permutation importance on the rows' labels; or the local method(s) on the
 * rows, each explaining its class; `all` runs every local method that applies and lists the others as skipped.
 */
export async function runExplain(
  args: ExplainArgs,
  table: ExplainTable,
  model: ExplainedModel,
  plan: ExplainPlan,
): Promise<ExplainOutput> {
  // 4. Classes.
  const { classifier } = model;
  const classNames = classNamesOf(classifier, table.classNames);
  const owner =
    model.kind === 'file'
      ? `--model '${escapeForMessage(args.model)}'`
      : `--target ${escapeForMessage(args.target)}`;
  const given = args.class === undefined ? undefined : resolveClass(args.class, classNames, owner);
  const x = selectRows(table.x, plan.indices);
  const features = table.featureNames;
  // 5a. Permutation importance.
  if (plan.method === 'permutation') {
    const labels = Int32Array.from(plan.indices, (i) => table.labels[i]!);
    const p = explainPermutation(model, x, labels, { ...args, classes: table.classNames.length }, features);
    return {
      json: permutationJson(p.metric, p.baseline, features, p.importance),
      text: permutationReport(p.metric, p.baseline, p.level, p.importance),
    };
  }
  // 5b. Local methods.
  const rows = { indices: plan.indices, x, classes: classesPerRow(classifier, x, given) };
  const options = { background: plan.background!, seed: args.seed, samples: args.samples };
  const explain = (method: LocalMethod): RowExplanation[] =>
    explainRows(method, classifier, rows, args.output, options);
  const c = { output: args.output, features, classNames, raw: table.raw };
  if (plan.method !== 'all') {
    const explained = explain(plan.method);
    return {
      json: localJson(plan.method, explained, c),
      text: localReport(explained, { ...c, method: plan.method }),
    };
  }
  const context = {
    features: features.length,
    model: model.kind,
    output: args.output,
    classes: table.classNames.length,
  };
  const results: { method: LocalMethod; rows: RowExplanation[] }[] = [];
  const skipped: { method: LocalMethod; reason: string }[] = [];
  for (const method of LOCAL_METHODS) {
    const reason = whyNot(method, context);
    if (reason === undefined) results.push({ method, rows: explain(method) });
    else skipped.push({ method, reason });
  }
  const text = [
    ...results.map((r) => localReport(r.rows, { ...c, method: r.method })),
    ...skipped.map((s) => `${s.method}: skipped — ${s.reason}`),
  ].join('\n\n');
  return { json: allJson(results, skipped, c), text };
}
