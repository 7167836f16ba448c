/** Where the browser builds of vega, vega-lite and vega-embed live in the installed packages (no CDN needed). */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Served names of the vendor scripts, in the order the page loads them (vega-embed needs the other two). */
export const VENDOR_SCRIPTS = ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js'] as const;
export type VendorScript = (typeof VENDOR_SCRIPTS)[number];

/** True when `name` is one of `VENDOR_SCRIPTS`. */
export function isVendorScript(name: string): name is VendorScript {
  return (VENDOR_SCRIPTS as readonly string[]).includes(name);
}

/** Each package's build folder, found through a file its `exports` map exposes. */
const LOCATE: Record<VendorScript, () => string> = {
  'vega.min.js': () => path.join(path.dirname(require.resolve('vega/vega-schema.json')), 'vega.min.js'),
  'vega-lite.min.js': () =>
    path.join(path.dirname(require.resolve('vega-lite/vega-lite-schema.json')), 'vega-lite.min.js'),
  'vega-embed.min.js': () => path.join(path.dirname(require.resolve('vega-embed')), 'vega-embed.min.js'),
};

/** The absolute path of a vendor script in node_modules (resolved from this file, so it works from src/ and dist/). */
export function vendorScriptPath(name: VendorScript): string {
  return LOCATE[name]();
}
