/** Maps target labels to class indices with a deterministic class order. */

/**
 * Sorts the distinct labels — numerically when every label is a number (`'2' < '10'`), otherwise by UTF-16 code
 * unit (locale-independent) — and rewrites `ids` (indices into `distinct`, in first-seen order) in place into
 * indices of `classNames`, which it returns as `target`.
 * @example encodeLabels(['b', 'a'], Int32Array.of(0, 1, 0)) // { classNames: ['a', 'b'], target: Int32Array [1, 0, 1] }
 */
export function encodeLabels(
  distinct: readonly string[],
  ids: Int32Array,
): { classNames: string[]; target: Int32Array } {
  const numeric = distinct.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const classNames = numeric
    ? [...distinct].sort((a, b) => Number(a) - Number(b) || byCodeUnit(a, b))
    : [...distinct].sort(byCodeUnit);
  const rank = new Map(classNames.map((name, i) => [name, i] as const));
  const remap = Int32Array.from(distinct, (label) => rank.get(label) as number);
  for (let i = 0; i < ids.length; i++) ids[i] = remap[ids[i] as number] as number;
  return { classNames, target: ids };
}
