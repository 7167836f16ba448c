/** `openbox start`: run the suite if there is no run yet (quick budgets unless --full), then serve the dashboard. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '@openbox/runtime';
import { listRuns } from '@openbox/suite';
import { referenceLive } from '@openbox/dashboard';
import type { Command } from '../command.js';
import { runServe, serveArgs } from './serve.js';
import { runSuiteWithProgress, suiteArgs } from './suite.js';

export const startCommand: Command = {
  summary: 'run the suite when results/ has no run yet (quick unless --full), then serve the dashboard',
  usage: 'openbox start [--results results] [--full] [--seed N] [--port 8787] [--host 127.0.0.1]',
  async run(argv) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        results: { type: 'string', default: 'results' },
        full: { type: 'boolean', default: false },
        seed: { type: 'string', default: '0' },
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
      },
      strict: true,
    });
    const serve = serveArgs(values);
    const cacheDir = process.env['OPENBOX_CACHE'] ?? join(homedir(), '.cache', 'openbox');
    // 1. Backend.
    await initBackend();
    // 2. A run to show.
    if (listRuns(values.results).length === 0) {
      console.log(
        `No run in ${values.results}/ yet: running the suite${values.full ? '' : ' with quick budgets (--full for the full one)'}.`,
      );
      await runSuiteWithProgress(suiteArgs({ out: values.results, quick: !values.full, seed: values.seed }));
    }
    // 3. The dashboard, with the live models.
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    process.once('SIGTERM', () => stop.abort());
    await runServe(serve, stop.signal, await referenceLive(cacheDir));
    return 0;
  },
};
