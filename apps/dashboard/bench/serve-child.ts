/**
 * Child process of the dashboard benchmarks: serves a results folder on a free port and prints the URL as one
 * JSON line. `argv[3]` picks the live model: `none` (default), `worker` (`referenceLive`: the reference models
 * in a worker thread) or `in-thread` (the same models on the request thread, as before the worker existed).
 */
import { defaultCacheDir, initBackend } from '@openbox/runtime';
import { serveDashboard } from '../src/index.js';
import type { LiveOptions } from '../src/index.js';
import { referenceLive } from '../src/live/reference-live.js';
import { loadLiveFunction } from '../src/live/reference-live-module.js';
import { mnistTestDigits } from '../src/live/mnist-test-digits.js';

const [resultsDir, mode = 'none'] = process.argv.slice(2);
if (resultsDir === undefined) throw new Error('serve-child: pass the results folder');
const LIVE: Record<string, () => Promise<LiveOptions | undefined>> = {
  none: async () => undefined,
  worker: () => referenceLive(defaultCacheDir()),
  'in-thread': async () => {
    await initBackend();
    return { predict: await loadLiveFunction({ cacheDir: defaultCacheDir() }), digits: mnistTestDigits() };
  },
};
const load = LIVE[mode];
if (load === undefined)
  throw new Error(`serve-child: live mode must be one of ${Object.keys(LIVE).join(', ')}`);
const live = await load();
const server = await serveDashboard({ resultsDir, port: 0, ...(live === undefined ? {} : { live }) });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
