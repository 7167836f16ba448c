/**
 * Builds the "your model" page's browser scripts with esbuild: `client/main.ts` → `dist/own-model/own-model-client.js`
 * (the page) and `client/worker.ts` → `dist/own-model/own-model-worker.js` (TensorFlow.js with its WebGPU, WebGL and
 * cpu backends, and the OpenBox libraries' browser entries, `src/browser.ts`, inlined). Run by the dashboard's
 * `build` script after `tsc`, so a packed dashboard ships the scripts in `dist/`.
 *   node src/own-model/build-client.mjs
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { openboxBrowserEntries } from '../../../../scripts/build-browser.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PACKAGE = path.resolve(HERE, '../..');

/** Entry (under `client/`) → output name (under `dist/own-model/`). */
export const CLIENT_ENTRIES = { main: 'own-model-client', worker: 'own-model-worker' };

await esbuild.build({
  entryPoints: Object.entries(CLIENT_ENTRIES).map(([entry, out]) => ({
    in: path.join(HERE, 'client', `${entry}.ts`),
    out,
  })),
  outdir: path.join(PACKAGE, 'dist/own-model'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  conditions: ['browser', 'import'],
  plugins: [openboxBrowserEntries({ external: false })],
});
