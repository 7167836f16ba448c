/** `openbox start`: run the suite if there is no run yet (quick budgets unless --full), then serve the dashboard. */
import { parseArgs } from 'node:util';
import { initBackend } from '@openbox/runtime';
import { listRuns } from '@openbox/suite';
import type { Command } from '../command.js';
import { SERVE_OPTIONS, serveArgs, serveUntilSignal } from './serve.js';
import { runSuiteWithProgress, suiteArgs } from './suite.js';

export const startCommand: Command = {
  summary: 'run the suite when results/ has no run yet (quick unless --full), then serve the dashboard',
  usage: 'openbox start [--results results] [--full] [--seed N] [--port 8787] [--host 127.0.0.1] [--no-live]',
  async run(argv) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        ...SERVE_OPTIONS,
        full: { type: 'boolean', default: false },
        seed: { type: 'string', default: '0' },
      },
      strict: true,
    });
    const serve = serveArgs(values);
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
    await serveUntilSignal(serve, !values['no-live']);
    return 0;
  },
};
