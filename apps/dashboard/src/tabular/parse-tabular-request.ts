/** `parseTabularRequest`: the body of `POST /api/tabular/explain` checked against the named table. */
import { HttpError } from '../http-error.js';
import { isTabularDataset, TABULAR_DATASETS } from './tabular-datasets.js';
import type { TabularDatasetName, TabularTable } from './tabular-datasets.js';
import { TABULAR_MESSAGES } from './tabular-messages.js';

/** A valid request: a dataset, one of its classes and one of its rows (0-based, in the dataset's order). */
export interface TabularRequest {
  readonly dataset: TabularDatasetName;
  readonly class: number;
  readonly row: number;
}

const bad = (message: string): HttpError => new HttpError(400, message, 'bad-request');
const isIndex = (v: unknown, count: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < count;

/**
 * `{ dataset, class, row }`: `dataset` one of {@link TABULAR_DATASETS}, `class` an integer in [0, classes − 1],
 * `row` an integer in [0, rows − 1] of that table (`tableOf` loads it); anything else throws a 400 naming the field,
 * its range and the value received. Other fields are ignored.
 * @example parseTabularRequest({ dataset: 'penguins', class: 0, row: 5 }, service.table)
 */
export function parseTabularRequest(
  body: unknown,
  tableOf: (name: TabularDatasetName) => TabularTable,
): TabularRequest {
  // 1. An object with the three fields.
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw bad(TABULAR_MESSAGES.tabularBadJson);
  const fields = body as Record<string, unknown>;
  for (const field of ['dataset', 'class', 'row'])
    if (!Object.prototype.hasOwnProperty.call(body, field)) throw bad(TABULAR_MESSAGES.tabularMissing(field));
  // 2. Each within its range.
  const { dataset, class: k, row } = fields;
  if (!isTabularDataset(dataset)) throw bad(TABULAR_MESSAGES.tabularBadDataset(dataset, TABULAR_DATASETS));
  const table = tableOf(dataset);
  if (!isIndex(k, table.classNames.length))
    throw bad(TABULAR_MESSAGES.tabularBadClass(dataset, table.classNames, k));
  if (!isIndex(row, table.x.rows)) throw bad(TABULAR_MESSAGES.tabularBadRow(dataset, table.x.rows, row));
  return { dataset, class: k, row };
}
