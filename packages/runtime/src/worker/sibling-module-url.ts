/** `siblingModuleUrl`: the URL of a module next to the caller, `.ts` when running from sources, `.js` from dist. */

/**
 * `new URL(name + ext, base)` with the caller's own extension: under vitest or tsx `import.meta.url` ends in
 * `.ts` and the sibling is the TypeScript source; in the built package it is the compiled `.js`.
 * @example siblingModuleUrl('./live-worker-main', import.meta.url)
 */
export function siblingModuleUrl(name: string, base: string): URL {
  const ext = new URL(base).pathname.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`${name}${ext}`, base);
}
