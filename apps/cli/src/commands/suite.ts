/** `openbox suite`: run the comparison suite's experiments and write `results/<run-id>/`. */
import { parseArgs } from 'node:util';
import { EXPERIMENT_IDS, SUITE_EXPERIMENTS, runSuite, type Manifest } from '@openbox/suite';
import { UsageError, type Command } from '../command.js';
import { createProgressDisplay } from '../progress.js';

/** Parsed `openbox suite` options (shared with `openbox start`). */
export interface SuiteArgs {
  readonly out: string;
  readonly quick: boolean;
  readonly only: readonly string[];
  readonly seed: number;
  readonly model: string | undefined;
}

export const SUITE_OPTIONS = {
  out: { type: 'string', default: 'results' },
  quick: { type: 'boolean', default: false },
  only: { type: 'string' },
  seed: { type: 'string', default: '0' },
  model: { type: 'string' },
} as const;

/** Validate the suite options parsed by `parseArgs` with {@link SUITE_OPTIONS}. */
export function suiteArgs(values: {
  out?: string;
  quick?: boolean;
  only?: string;
  seed?: string;
  model?: string;
}): SuiteArgs {
  const seed = Number(values.seed ?? '0');
  if (!Number.isInteger(seed) || seed < 0)
    throw new UsageError(`--seed must be a non-negative integer, got '${values.seed}'.`);
  const only =
    values.only === undefined
      ? []
      : values.only
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  const unknown = only.filter((id) => !(EXPERIMENT_IDS as readonly string[]).includes(id));
  if (unknown.length > 0)
    throw new UsageError(
      `--only names unknown experiment(s) ${unknown.join(', ')}; known: ${EXPERIMENT_IDS.join(', ')}.`,
    );
  return { out: values.out ?? 'results', quick: values.quick ?? false, only, seed, model: values.model };
}

/** Run the suite with a progress display; prints one line per experiment and the run folder. */
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
  usage: `openbox suite [--out results] [--quick] [--only id,id] [--seed N] [--model model.json]\n  experiments: ${EXPERIMENT_IDS.join(', ')}`,
  async run(argv) {
    const { values } = parseArgs({ args: [...argv], options: SUITE_OPTIONS, strict: true });
    const manifest = await runSuiteWithProgress(suiteArgs(values));
    return manifest.experiments.some((e) => e.status === 'failed') ? 1 : 0;
  },
};
