/** `openbox start`: run the suite if there is no run yet (quick budgets unless --full), then serve the dashboard. */
import { initBackend } from '@openbox/runtime';
import { listRuns } from '@openbox/suite';
import { parseOptions, type OptionSpecs } from '../args.js';
import type { Command } from '../command.js';
import { SEED_OPTION } from '../common-options.js';
import { MESSAGES } from '../messages.js';
import { formatUsage } from '../usage.js';
import { checkAllowedHosts, SERVE_OPTIONS, serveUntilSignal } from './serve.js';
import { runSuiteWithProgress } from './suite.js';

/** The options of `openbox start`: those of `serve`, plus the suite's budget and seed. */
export const START_OPTIONS = {
  ...SERVE_OPTIONS,
  full: { kind: 'flag', help: 'full budgets for the first run (default: quick)' },
  seed: { ...SEED_OPTION, help: 'seed of the first run' },
} as const satisfies OptionSpecs;

export const startCommand: Command = {
  summary: 'run the suite when results/ has no run yet (quick unless --full), then serve the dashboard',
  usage: formatUsage(
    'openbox start [--results DIR] [--full] [--seed N] [--port N] [--host HOST] [--allowed-host NAME,…] [--no-live]',
    START_OPTIONS,
  ),
  async run(argv) {
    // 1. Arguments, backend.
    const args = parseOptions(START_OPTIONS, argv);
    checkAllowedHosts(args.allowedHost);
    await initBackend();
    // 2. A run to show.
    if (listRuns(args.results).length === 0) {
      console.error(MESSAGES.noRunYet(args.results, !args.full));
      await runSuiteWithProgress({ out: args.results, quick: !args.full, only: [], seed: args.seed });
    }
    // 3. The dashboard, with the live models.
    await serveUntilSignal(args, !args.noLive);
    return 0;
  },
};
