/** User-facing messages of the tabular page's API (`POST /api/tabular/explain`), each naming the field and its range. */
import { escapeForMessage } from '@openbox/safe-io';

/** A request value as JSON (strings quoted and escaped, at most 60 characters), `undefined` when absent. */
const shown = (value: unknown): string =>
  typeof value === 'string'
    ? `"${escapeForMessage(value).replaceAll('"', '\\"')}"`
    : value === undefined
      ? 'undefined'
      : escapeForMessage(JSON.stringify(value) ?? String(value));

/**
 * Every message the tabular API sends. Kept beside the tabular sub-app: the lead may spread it into the
 * dashboard's `MESSAGES` (`...TABULAR_MESSAGES`), the names do not collide.
 */
export const TABULAR_MESSAGES = {
  tabularBadJson: 'body must be JSON: { "dataset": <name>, "class": <integer>, "row": <integer> }',
  tabularMissing: (field: string) =>
    `body must have "${field}": { "dataset": <name>, "class": <integer>, "row": <integer> }`,
  tabularBadDataset: (got: unknown, names: readonly string[]) =>
    `dataset must be one of ${names.join(', ')}, got ${shown(got)}`,
  tabularBadClass: (dataset: string, classNames: readonly string[], got: unknown) =>
    `class must be an integer in [0, ${classNames.length - 1}] (${dataset}: ` +
    `${classNames.map((name, k) => `${k} ${name}`).join(', ')}), got ${shown(got)}`,
  tabularBadRow: (dataset: string, rows: number, got: unknown) =>
    `row must be an integer in [0, ${rows - 1}] (the rows of ${dataset}), got ${shown(got)}`,
  tabularFailed: (dataset: string) =>
    `the models of ${dataset} could not be fitted or explained; see the server log`,
} as const;
