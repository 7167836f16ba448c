/** `GrowingTable`: rows of float32 features and a label id each, in arrays that double as rows arrive. */

const FIRST_CAPACITY_ROWS = 1024;

/**
 * The only per-row storage of the CSV loader: `d` float32 cells and one label id per row (labels are interned, so
 * a million rows of three classes keep three strings). Capacity doubles, so appending is amortized O(1) and the
 * arrays are at most twice the rows held; `finish` trims them to the exact size.
 * @example
 * const t = new GrowingTable(2);
 * const at = t.addRow('cat'); t.features[at] = 1.5; t.features[at + 1] = 2;
 * t.finish() // { rows: 1, features: Float32Array [1.5, 2], labelIds: Int32Array [0], labels: ['cat'] }
 */
export class GrowingTable {
  /** Row-major cells; row `r` starts at `r * d`. Valid up to `rows * d`; reassigned when it grows. */
  features: Float32Array;
  rows = 0;
  private labelIds: Int32Array;
  private readonly labelIndex = new Map<string, number>();
  private readonly labels: string[] = [];

  constructor(private readonly d: number) {
    this.features = new Float32Array(FIRST_CAPACITY_ROWS * d);
    this.labelIds = new Int32Array(FIRST_CAPACITY_ROWS);
  }

  /** Appends a row with this label and returns the offset of its first feature cell in `features`. */
  addRow(label: string): number {
    if (this.rows === this.labelIds.length) this.grow();
    let id = this.labelIndex.get(label);
    if (id === undefined) {
      id = this.labels.length;
      this.labelIndex.set(label, id);
      this.labels.push(label);
    }
    this.labelIds[this.rows] = id;
    return this.rows++ * this.d;
  }

  /** The rows held, in arrays of exactly their size; `labelIds[i]` indexes `labels` (first-seen order). */
  finish(): { rows: number; features: Float32Array; labelIds: Int32Array; labels: string[] } {
    const n = this.rows;
    const features = this.features.length === n * this.d ? this.features : this.features.slice(0, n * this.d);
    const labelIds = this.labelIds.length === n ? this.labelIds : this.labelIds.slice(0, n);
    return { rows: n, features, labelIds, labels: this.labels };
  }

  private grow(): void {
    const features = new Float32Array(this.features.length * 2);
    features.set(this.features);
    this.features = features;
    const labelIds = new Int32Array(this.labelIds.length * 2);
    labelIds.set(this.labelIds);
    this.labelIds = labelIds;
  }
}
