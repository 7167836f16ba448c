/** `openbox suite`: run the comparison suite's experiments and write `results/<run-id>/`. */
import { initBackend, loadModel } from '@openbox/runtime';
import { EXPERIMENT_IDS, SUITE_EXPERIMENTS, runSuite, type Manifest } from '@openbox/suite';
import { parseOptions, type OptionSpecs, type ParsedOptions } from '../args.js';
import type { Command } from '../command.js';
import { SEED_OPTION } from '../common-options.js';
import { createProgressDisplay } from '../progress.js';
import { formatUsage } from '../usage.js';

/** The options of `openbox suite`. */
export const SUITE_OPTIONS = {
  out: {
    kind: 'string',
    pathLike: true,
    default: 'results',
    placeholder: 'DIR',
    help: 'results folder; the run is written to DIR/<run-id>/',
  },
  quick: { kind: 'flag', help: 'small budgets (minutes instead of an hour)' },
  only: {
    kind: 'list',
    item: { kind: 'enum', values: EXPERIMENT_IDS },
    maxItems: EXPERIMENT_IDS.length,
    default: [],
    placeholder: 'id,id',
    help: 'run only these experiments (default: all)',
  },
  seed: SEED_OPTION,
  model: {
    kind: 'string',
    pathLike: true,
    placeholder: 'model.json',
    help: 'your own TensorFlow.js model for the CNN experiments (default: the reference MNIST CNN)',
  },
} as const satisfies OptionSpecs;

/** Parsed `openbox suite` options (built by `openbox start` too). */
export type SuiteArgs = Omit<ParsedOptions<typeof SUITE_OPTIONS>, 'model'> & {
  readonly model?: string | undefined;
};

/** Run the suite with a progress display on stderr; prints the run folder on stdout. */
export async function runSuiteWithProgress(args: SuiteArgs): Promise<Manifest> {
  const display = createProgressDisplay();
  const manifest = await runSuite({
    experiments: SUITE_EXPERIMENTS,
    out: args.out,
    quick: args.quick,
    only: args.only,
    seed: args.seed,
    ...(args.model === undefined ? {} : { modelPath: args.model }),
    onEvent(event) {
      if (event.type === 'start') display.start(event.title, event.index, event.total);
      else if (event.type === 'progress') display.update(event.step, event.total, event.label);
      else {
        const { entry } = event;
        const seconds = (entry.durationMs / 1000).toFixed(1);
        display.end(
          entry.status === 'ok'
            ? `${entry.verdict?.status} (${seconds} s)`
            : `FAILED: ${entry.error} (${seconds} s)`,
        );
      }
    },
  });
  const failed = manifest.experiments.filter((e) => e.status === 'failed').length;
  console.log(
    `Run ${manifest.runId}: ${manifest.experiments.length - failed} experiments ok, ${failed} failed, ${(manifest.totalMs / 1000).toFixed(1)} s on ${manifest.backend}. Results in ${args.out}/${manifest.runId}`,
  );
  return manifest;
}

export const suiteCommand: Command = {
  summary: 'run the comparison suite (every claim of the thread, measured) and write results/<run-id>/',
  usage: formatUsage(
    'openbox suite [--out DIR] [--quick] [--only id,id] [--seed N] [--model model.json]',
    SUITE_OPTIONS,
  ),
  async run(argv) {
    const args = parseOptions(SUITE_OPTIONS, argv);
    // A model that cannot load fails here, naming the file, before any run folder exists.
    if (args.model !== undefined) {
      await initBackend();
      (await loadModel(args.model)).dispose();
    }
    const manifest = await runSuiteWithProgress(args);
    return manifest.experiments.some((e) => e.status === 'failed') ? 1 : 0;
  },
};
