/** `openbox suite`: run the comparison suite's experiments and write `results/<run-id>/`. */
import { initBackend, isLayersImageModel, type GraphModelAdapter } from '@openbox/runtime';
import {
  EXPERIMENT_IDS,
  MAX_SUITE_WORKERS,
  SUITE_EXPERIMENTS,
  runSuite,
  type Manifest,
} from '@openbox/suite';
import { parseOptions, type OptionSpecs, type ParsedOptions } from '../args.js';
import type { Command } from '../command.js';
import { SEED_OPTION } from '../common-options.js';
import { UsageError } from '../errors.js';
import {
  IMAGE_FIT_OPTION,
  imagesFolderError,
  IMAGES_OPTION,
  SCALE_OPTION,
  type ImageFit,
  type ImageScale,
} from '../images-option.js';
import { MESSAGES } from '../messages.js';
import { loadCliModel } from '../model-option.js';
import { createProgressDisplay, type ProgressDisplay } from '../progress.js';
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
    help: 'your own TensorFlow.js model (LayersModel or GraphModel) for the CNN experiments (default: the reference MNIST CNN)',
  },
  images: {
    ...IMAGES_OPTION,
    help: "your own image folder for the CNN experiments instead of MNIST (needs --model; the i-th class folder, sorted by name, is the model's output i); one sub-folder per class, PNG or JPEG, resized and scaled to the model's input",
  },
  scale: SCALE_OPTION,
  fit: IMAGE_FIT_OPTION,
  workers: {
    kind: 'integer',
    min: 1,
    max: MAX_SUITE_WORKERS,
    help: 'worker threads running experiments side by side (default: one per core); 1 runs them one at a time',
  },
} as const satisfies OptionSpecs;

/** Parsed `openbox suite` options (built by `openbox start` too). */
export type SuiteArgs = Omit<
  ParsedOptions<typeof SUITE_OPTIONS>,
  'model' | 'workers' | 'images' | 'scale' | 'fit'
> & {
  readonly model?: string | undefined;
  readonly workers?: number | undefined;
  readonly images?: string | undefined;
  readonly scale?: ImageScale;
  readonly fit?: ImageFit;
};

/**
 * One progress display per experiment and per cached model being prepared, so that experiments running side by
 * side in workers each keep their own label.
 */
class Displays {
  readonly #byKey = new Map<string, ProgressDisplay>();
  has(key: string): boolean {
    return this.#byKey.has(key);
  }
  get(key: string): ProgressDisplay {
    let display = this.#byKey.get(key);
    if (display === undefined) this.#byKey.set(key, (display = createProgressDisplay()));
    return display;
  }
}

/** Run the suite with a progress display on stderr; prints the run folder on stdout. */
export async function runSuiteWithProgress(args: SuiteArgs): Promise<Manifest> {
  const displays = new Displays();
  const manifest = await runSuite({
    experiments: SUITE_EXPERIMENTS,
    out: args.out,
    quick: args.quick,
    only: args.only,
    seed: args.seed,
    ...(args.model === undefined ? {} : { modelPath: args.model }),
    ...(args.workers === undefined ? {} : { workers: args.workers }),
    ...(args.images === undefined
      ? {}
      : { images: { dir: args.images, scale: args.scale ?? '0-1', fit: args.fit ?? 'resize' } }),
    onEvent(event) {
      if (event.type === 'start') displays.get(event.id).start(event.title, event.index, event.total);
      else if (event.type === 'progress') displays.get(event.id).update(event.step, event.total, event.label);
      else if (event.type === 'prepare') {
        const key = `prepare:${event.name}`;
        if (!displays.has(key)) displays.get(key).start(`preparing the cached ${event.name}`, 0, 1);
        const prepared = displays.get(key);
        prepared.update(event.step, event.total, event.label);
        if (event.step >= event.total) prepared.end('ready');
      } else {
        const { entry } = event;
        const seconds = (entry.durationMs / 1000).toFixed(1);
        displays
          .get(event.id)
          .end(
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
    'openbox suite [--out DIR] [--quick] [--only id,id] [--seed N] [--model model.json] [--images DIR [--scale PRESET] [--fit MODE]] [--workers N]',
    SUITE_OPTIONS,
  ),
  async run(argv) {
    const args = parseOptions(SUITE_OPTIONS, argv);
    // --images replace MNIST, which the reference CNN is trained on: they need the user's own model.
    if (args.images !== undefined && args.model === undefined)
      throw new UsageError('missing-option', MESSAGES.suiteImagesNeedModel(), 'model');
    // A model that cannot load fails here, naming the file, before any run folder exists (runSuite then loads it
    // with the images, checking both, before any experiment runs).
    if (args.model !== undefined) {
      await initBackend();
      const { adapter } = await loadCliModel(args.model, 'openbox suite');
      (isLayersImageModel(adapter) ? adapter.model : (adapter as GraphModelAdapter).model).dispose();
    }
    let manifest: Manifest;
    try {
      manifest = await runSuiteWithProgress(args);
    } catch (error) {
      // A bad image folder or image (readImageFolder names the file), before any experiment ran.
      throw imagesFolderError(error);
    }
    return manifest.experiments.some((e) => e.status === 'failed') ? 1 : 0;
  },
};
