/** `createOverviewCache`: the rendered overview of a run, reused while its manifest and results are unchanged. */
import type { ExperimentResult, Manifest } from '@openbox/suite';

/** Renders once per version of a run. */
export interface OverviewCache {
  /** `render()`'s text, reused while `m`, every result object and `latestOf` are the same as last time. */
  get(
    m: Manifest,
    results: ReadonlyMap<string, ExperimentResult>,
    latestOf: number | null,
    render: () => Promise<string>,
  ): Promise<string>;
}

/**
 * The results store hands out the same parsed objects until their files change, so object identity is the
 * version: a `WeakMap` keyed by the manifest holds the text with the result objects and `latestOf` it was
 * rendered from (an overview is tens of kilobytes of HTML, rendered on every visit of `/` otherwise).
 */
export function createOverviewCache(): OverviewCache {
  const memo = new WeakMap<
    Manifest,
    { readonly results: readonly ExperimentResult[]; readonly latestOf: number | null; readonly text: string }
  >();
  return {
    async get(m, results, latestOf, render) {
      const current = [...results.values()];
      const hit = memo.get(m);
      if (
        hit !== undefined &&
        hit.latestOf === latestOf &&
        hit.results.length === current.length &&
        hit.results.every((r, i) => r === current[i])
      )
        return hit.text;
      const text = await render();
      memo.set(m, { results: current, latestOf, text });
      return text;
    },
  };
}
