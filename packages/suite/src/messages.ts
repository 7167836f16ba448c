/** User-facing error messages of @openbox/suite; each names the function, the option or file, and the bad value. */
import { escapeForMessage } from '@openbox/safe-io';

const q = (path: string): string => `"${escapeForMessage(path, 200)}"`;

export const MESSAGES = {
  unknownExperiments: (ids: readonly string[], known: readonly string[]) =>
    `runSuite: unknown experiment id${ids.length > 1 ? 's' : ''} ${ids.map((id) => `'${escapeForMessage(id)}'`).join(', ')} in only; known ids: ${known.join(', ')}.`,
  badSeed: (seed: unknown) =>
    `runSuite: seed must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}, got ${escapeForMessage(String(seed))}.`,
  badNow: (value: unknown) =>
    `runSuite: now() must return a valid Date, got ${escapeForMessage(String(value))}.`,
  badExperimentId: (id: string) => `runSuite: experiment id '${escapeForMessage(id)}' is not kebab-case.`,
  duplicateExperimentId: (id: string) => `runSuite: experiment id '${id}' appears twice.`,
  badArtifactName: (id: string, file: string) =>
    `runSuite: experiment '${id}' produced an artifact named '${escapeForMessage(file)}'; use a kebab-case name ending in .png.`,
  cannotCreateFolder: (what: string, dir: string, reason: string) =>
    `runSuite: cannot create the ${what} ${q(dir)}: ${reason}.`,
  runFolderClash: (dir: string) =>
    `runSuite: the run folder ${q(dir)} already exists (two runs drew the same id); nothing was written, run again.`,
  cannotWriteLock: (file: string, reason: string) =>
    `runSuite: cannot write the lock file ${q(file)}: ${reason}; the unfinished run folder was removed.`,
  resultWriteFailed: (experimentId: string, file: string, runId: string, out: string, reason: string) =>
    `runSuite: cannot write '${file}' of experiment '${experimentId}' (run ${runId} in ${q(out)}): ${reason}.`,
  manifestWriteFailed: (file: string, partial: string, reason: string) =>
    `runSuite: cannot write the manifest ${q(file)}: ${reason}; the unfinished run folder ${q(partial)} was removed.`,
  publishFailed: (from: string, to: string, partial: string, reason: string) =>
    `runSuite: cannot rename ${q(from)} to ${q(to)}: ${reason}; the unfinished run folder ${q(partial)} was removed.`,
  publishClashes: (out: string, attempts: number) =>
    `runSuite: ${attempts} run ids in a row were already taken in ${q(out)}; the unfinished run was removed.`,
  nonFiniteWeight: (experimentId: string, layer: string, what: string, index: number, value: number) =>
    `${experimentId}: layer '${escapeForMessage(layer)}' has a non-finite ${what} (${value} at index ${index}); the claim cannot be measured on a model with NaN or infinite weights.`,
  nonFiniteMetric: (experimentId: string, metric: string, where: string, value: number) =>
    `${experimentId}: the measured ${metric} of ${escapeForMessage(where, 120)} is ${value}; a verdict needs finite numbers (check the model's weights and activations).`,
  damagedLrTemplates: (dir: string, why: string) =>
    `loadLrTemplates: the cached MNIST LR templates at ${q(dir)} are damaged (${why}); refitting.`,
  lrMetaNoFiles: () => "meta.json's files record is malformed or lacks templates.json",
  lrTemplatesMissing: () => 'templates.json is missing',
  lrFileNotJson: (what: string, path: string) => `${what} ${q(path)} is not valid JSON`,
  lrTemplatesBadShape: (path: string) =>
    `templates.json ${q(path)} does not hold 10 × 784 finite weights and 10 finite intercepts`,
  badImagesOption: (what: string, value: string, allowed: readonly string[]) =>
    `runSuite: images.${what} must be one of ${allowed.join(', ')}, got '${escapeForMessage(value, 40)}'.`,
  imagesNeedModel: (dir: string) =>
    `runSuite: images ${q(dir)} (--images) need your own model (--model model.json): the reference CNN classifies MNIST digits (28×28×1, 10 classes), not the classes of that folder.`,
  modelNotMnist: (model: string, shape: readonly number[]) =>
    `cnnSetup: the model ${q(model)} takes ${shape.join('×')} images, but without images the CNN experiments use MNIST digits (28×28×1); pass your own images with --images DIR (runSuite's images).`,
  noConvLayer: (model: string, layers: readonly string[]) =>
    `cnnSetup: the model ${q(model)} has no Conv2D layer, which the CNN experiments study; its layers are ${layers
      .map((l) => escapeForMessage(l, 60))
      .slice(0, 40)
      .join(', ')}.`,
  imageChannels: (model: string, channels: number) =>
    `cnnSetup: the model ${q(model)} takes images with ${channels} channels; an image folder gives 1 (gray) or 3 (RGB).`,
  classCountMismatch: (model: string, outputs: number, dir: string, classes: readonly string[]) =>
    `cnnSetup: the model ${q(model)} has ${outputs} outputs but the image folder ${q(dir)} has ${classes.length} class folders (${classes
      .slice(0, 12)
      .map((c) => escapeForMessage(c, 40))
      .join(
        ', ',
      )}${classes.length > 12 ? ', …' : ''}); the i-th folder (sorted by name) is the model's output i, so the counts must match.`,
  notResultsDir: (dir: string) => `listRuns: ${q(dir)} is not a folder.`,
  badRunId: (runId: string) => `readManifest: '${escapeForMessage(runId)}' is not a valid run id.`,
  badManifest: (path: string, reason: string) =>
    `readManifest: ${q(path)} is not a valid manifest (${escapeForMessage(reason, 120)}).`,
} as const;

/** A short reason for a failed file operation: the system error's code and its meaning, never a stack or file text. */
export function failureReason(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const code = (cause as NodeJS.ErrnoException)?.code;
  const text: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is exceeded',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    EIO: 'an input/output error',
    ENOENT: 'a folder on the path does not exist',
    ENOTDIR: 'a part of the path is not a folder',
    EEXIST: 'it already exists',
    ENOTEMPTY: 'the target exists and is not empty',
    EXDEV: 'source and target are on different file systems',
  };
  if (typeof code === 'string') return `${text[code] ?? 'system error'} (${code})`;
  return escapeForMessage(error instanceof Error ? error.message : String(error), 160);
}
