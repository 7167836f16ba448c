/** Maps target labels to class indices with a deterministic class order. */

/**
 * Class names sorted numerically when every label is a number (`'2' < '10'`), otherwise by UTF-16 code unit
 * (locale-independent); `target[i]` is the index of `labels[i]` in `classNames`.
 * @example encodeLabels(['b', 'a', 'b']) // { classNames: ['a', 'b'], target: Int32Array [1, 0, 1] }
 */
export function encodeLabels(labels: readonly string[]): { classNames: string[]; target: Int32Array } {
  const distinct = [...new Set(labels)];
  const numeric = distinct.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const classNames = numeric
    ? distinct.sort((a, b) => Number(a) - Number(b) || byCodeUnit(a, b))
    : distinct.sort(byCodeUnit);
  const index = new Map(classNames.map((name, i) => [name, i] as const));
  const target = new Int32Array(labels.length);
  labels.forEach((label, i) => {
    target[i] = index.get(label) as number;
  });
  return { classNames, target };
}
