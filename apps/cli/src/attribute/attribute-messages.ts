/** The messages of `openbox attribute` added for image folders and graph models (the older ones are in `../messages.ts`). */

/** `--name`, the way a user types it. */
const opt = (name: string): string => `--${name}`;

export const ATTRIBUTE_MESSAGES = {
  oneSource: (got: 'both' | 'neither', given: readonly string[]) =>
    `give exactly one of --inputs FILE, --digits 0,5,9 and --images DIR, got ${got === 'neither' ? 'neither' : `${given.map(opt).join(' and ')}`}.`,
  onlyWithImages: (option: string) => `${opt(option)} applies only to --images DIR.`,
  noLabels: (source: string) =>
    `--targets label needs labelled inputs (--images DIR or --digits), but --${source} has no labels; give class indices or predicted.`,
  unknownClass: (given: string, classes: readonly string[]) =>
    `--class '${given}' is not a class of the image folder; its classes: ${classes.join(', ')}.`,
  noImagesLeft: (classes: readonly string[]) =>
    `--class ${classes.join(',')} selects no image of the folder.`,
  labelNotAClass: (className: string, label: number, classes: number) =>
    `--targets label: class '${className}' is class ${label} of the folder, but the model has classes 0..${classes - 1}; give class indices or predicted.`,
  unknownTarget: (given: string, classes: readonly string[]) =>
    `--targets '${given}' is not a class of the image folder; its classes: ${classes.join(', ')}.`,
  namedTargetWithoutNames: (given: string, source: string, classes: number, named: number | undefined) =>
    named === undefined
      ? `--targets '${given}' names a class, but --${source} gives no class names; give class indices 0..${classes - 1}.`
      : `--targets '${given}' names a class, but the folder's ${named} classes are not the model's ${classes}; give class indices 0..${classes - 1}.`,
  tooManyImages: (count: number, max: number) =>
    `--images selects ${count} images, more than the ${max} one call attributes; add --limit N (taken in turn from each class) or --class NAME.`,
  needsLayersModel: (method: string, model: string, works: readonly string[]) =>
    `--method ${method} needs a LayersModel (it rewrites each activation's backward pass), but '${model}' is a graph model; methods that run on graph models: ${works.join(', ')}.`,
  modelWithImages: (given: 'model' | 'images') =>
    `--model and --images go together (the live page runs your model on your images), got only --${given}.`,
  liveWithNoLive: '--no-live turns the live page off; drop it to serve --model with --images.',
} as const;
