/** Pieces shared by the builders: the schema URL, color scales for heatmaps, a padded numeric extent. */
import type { Scale } from 'vega-lite/types_unstable/scale.js';
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';

/** The `$schema` of every spec produced (Vega-Lite 6). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** How a heatmap maps values to colors: `diverging` (blue–white–red around 0) or `sequential` (light → dark). */
export const COLOR_SCALES = ['diverging', 'sequential'] as const;
export type ColorScaleKind = (typeof COLOR_SCALES)[number];

/** Min and max of the values (finite values assumed). */
export function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * The color scale of a heatmap. Diverging: scheme `redblue` reversed (negative blue, positive red), domain
 * symmetric `[-m, m]` with `m = max |v|` (or the given domain) and mid-point 0. Sequential: scheme `greys` over
 * `[min, max]` (or the given domain). A constant image gets a domain widened by 1 so the scale is valid.
 */
export function colorScale(
  fn: string,
  kind: ColorScaleKind,
  values: Iterable<number>,
  domain?: readonly [number, number],
): Scale {
  if (!(COLOR_SCALES as readonly string[]).includes(kind)) {
    throw new ChartInputError(
      MESSAGES.badOption(fn, 'options.scale', `one of ${COLOR_SCALES.join(', ')}`, kind),
    );
  }
  if (
    domain !== undefined &&
    !(Number.isFinite(domain[0]) && Number.isFinite(domain[1]) && domain[0] < domain[1])
  ) {
    throw new ChartInputError(
      MESSAGES.badOption(fn, 'options.domain', 'two finite numbers [lo, hi] with lo < hi', domain),
    );
  }
  const [lo, hi] = domain ?? extent(values);
  if (kind === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return { scheme: 'redblue', reverse: true, domain: [-m, m], domainMid: 0 };
  }
  return { scheme: 'greys', domain: lo < hi ? [lo, hi] : [lo, lo + 1] };
}
