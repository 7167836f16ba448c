/** The error every chart builder throws on bad input. */

/** Thrown by a chart builder for empty, ragged, non-finite or inconsistent input; the message names the builder. */
export class ChartInputError extends Error {
  override readonly name = 'ChartInputError';
}
