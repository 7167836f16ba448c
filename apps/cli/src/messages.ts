/** Every user-facing message of the `openbox` command line, in one place. Values a user typed arrive escaped. */

/** `--name`, the way a user types it. */
const opt = (name: string): string => `--${name}`;

export const MESSAGES = {
  // The option parser (args.ts)
  unexpectedArgument: (token: string) =>
    `unexpected argument '${token}': this command takes only --options (write --name value or --name=value).`,
  unknownOption: (token: string, known: readonly string[]) =>
    `unknown option '${token}'; known options: ${known.map(opt).join(', ')}.`,
  missingValue: (name: string, placeholder: string, next: string | undefined) =>
    next === undefined
      ? `${opt(name)} needs a value (${opt(name)} ${placeholder}).`
      : `${opt(name)} needs a value (${opt(name)} ${placeholder}), got the option '${next}'; write ${opt(name)}=VALUE for a value that starts with --.`,
  repeatedOption: (name: string) => `${opt(name)} is given more than once; give it once.`,
  flagWithValue: (name: string, value: string) =>
    `${opt(name)} is a flag and takes no value, got '${value}'.`,
  missingOption: (name: string, placeholder: string) => `${opt(name)} ${placeholder} is required.`,
  invalidValue: (name: string, expected: string, value: string) =>
    `${opt(name)} must be ${expected}, got '${value}'.`,
  tooLong: (name: string, maxLength: number, value: string) =>
    `${opt(name)} must be at most ${maxLength} characters, got '${value}'.`,
  pathWithNul: (name: string, value: string) =>
    `${opt(name)} must be a path without NUL characters, got '${value}'.`,
  emptyListItem: (name: string, value: string) =>
    `${opt(name)} must be a comma-separated list with no empty items, got '${value}'.`,
  tooManyItems: (name: string, maxItems: number, count: number) =>
    `${opt(name)} must list at most ${maxItems} items, got ${count}.`,
  duplicateItem: (name: string, item: string, value: string) =>
    `${opt(name)} lists '${item}' more than once, got '${value}'.`,
  invalidItem: (name: string, expected: string, item: string) =>
    `${opt(name)} items must each be ${expected}, got '${item}'.`,
  invalidRangePart: (name: string, part: string, value: string) =>
    `${opt(name)} must be numbers and ranges like 0-7 or 0,3,5-6; '${part}' is neither (got '${value}').`,
  rangeValueTooLarge: (name: string, max: number, value: string) =>
    `${opt(name)} numbers must be integers from 0 to ${max}, got '${value}'.`,
  backwardsRange: (name: string, part: string) =>
    `${opt(name)}: range '${part}' runs backwards; write it low-high.`,
  tooManyInRange: (name: string, count: number, maxCount: number, value: string) =>
    `${opt(name)} selects ${count} values, more than the ${maxCount} allowed per call (got '${value}').`,
  rangeOutOfBounds: (name: string, parts: string, owner: string, unit: string, limit: number) =>
    `${opt(name)} ${parts} out of range: ${owner} has ${limit === 0 ? `no ${unit}` : `${unit} 0..${limit - 1}`}.`,

  // main.ts
  unknownCommand: (name: string, known: readonly string[]) =>
    `openbox: unknown command '${name}'. Known commands: ${known.join(', ')}.`,

  // logistic
  tooManyClasses: (target: string, count: number, classes: string) =>
    `--target ${target} has ${count} classes (${classes}); pick one with --positive LABEL (one vs rest).`,
  notAClass: (positive: string, target: string, classes: string) =>
    `--positive '${positive}' is not a class of ${target}: ${classes}.`,
  noInference: (reason: string) =>
    `No standard errors, p-values or intervals: ${reason}, so they would not mean anything (see Warnings).`,

  // serve / start
  liveModelOff: (reason: string) => `live model off: ${reason}`,
  noRunYet: (results: string, quick: boolean) =>
    `No run in ${results}/ yet: running the suite${quick ? ' with quick budgets (--full for the full one)' : ''}.`,

  // visualize
  renderFailed: (layer: string, channels: string, reason: string) =>
    `layer '${layer}' channels ${channels} could not be rendered (nothing was written): ${reason}`,
  nonFinite: (layer: string, channel: number, what: string) =>
    `the ${what} of layer '${layer}' channel ${channel} is not finite (NaN or Infinity): the model's weights or activations hold non-finite values; nothing was written.`,

  // attribute
  notImageArray: (option: string, file: string, shape: readonly number[], single: boolean) =>
    `${opt(option)} '${file}' must hold a non-empty JSON array of images [height][width][channels] (${shape.join('×')} for this model)${single ? ', or one such image' : ''}.`,
  badImageShape: (
    option: string,
    file: string,
    path: string,
    expected: number,
    got: number | null,
    shape: readonly number[],
  ) =>
    `${opt(option)} '${file}': ${path} must be an array of ${expected}, got ${got === null ? 'something else' : `${got} entries`} (the model takes images of ${shape.join('×')}).`,
  notFiniteValue: (option: string, file: string, path: string, value: string) =>
    `${opt(option)} '${file}': ${path} must be a finite number, got ${value}.`,
  notJson: (option: string, file: string, reason: string) =>
    `${opt(option)} '${file}' is not JSON (${reason}); write images as nested arrays of numbers (JSON has no NaN or Infinity).`,
  oneSource: (got: 'both' | 'neither') => `give exactly one of --inputs FILE and --digits 0,5,9, got ${got}.`,
  targetCount: (count: number, n: number) =>
    `--targets lists ${count} classes for ${n} inputs; give one per input or one for all.`,
  targetClass: (target: number, classes: number) =>
    `--targets ${target} is not a class of this model: it has classes 0..${classes - 1}.`,
  needsLayer: (method: string, layers: readonly string[]) =>
    `--method ${method} needs --layer NAME; layers in this model: ${layers.join(', ')}.`,
  attributionFailed: (method: string, reason: string) =>
    `${method} could not attribute these inputs (nothing was written): ${reason}`,
  nonFiniteAttribution: (method: string, what: string, input: number) =>
    `${method} gave non-finite ${what} (NaN or Infinity) for input ${input}; JSON cannot hold them, so nothing was written.`,
  writeFailed: (out: string, reason: string) =>
    `could not write to ${out} (files written by this call were removed): ${reason}`,
  digitsShape: (shape: readonly number[]) =>
    `--digits gives 28×28×1 MNIST digits, but this model takes ${shape.join('×')} images; use --inputs FILE.`,

  // explain
  notAClassOf: (given: string, owner: string, classes: string) =>
    `--class '${given}' is not a class of ${owner}: give a name or an index of ${classes}.`,
  tooManyFeaturesForExact: (features: number, max: number) =>
    `--method exact enumerates 2^d coalitions and takes at most ${max} features; this table has ${features}. Use --method kernel (sampled, with standard errors) or fewer --features.`,
  linearNeedsLr: (why: string) =>
    `--method linear is LinearSHAP's closed form β ⊙ (x − E[x]), exact only for a logistic regression explained in log-odds: ${why}. Use --model lr --output logit (two classes), or --method exact or kernel.`,
  bothBackgrounds: () => 'give at most one of --background FILE and --background-size N, got both.',
  onlyWithMlp: (option: string, model: string, what = "sets the MLP's hidden layers") =>
    `${opt(option)} ${what} and applies only to --model mlp, got --model ${model}.`,
  separation: (reason: string) =>
    `the exact logistic regression does not exist for this table: ${reason} Here: add --l2 X (e.g. --l2 1).`,
  illPosedFit: (reason: string) => `the logistic regression cannot be fitted: ${reason}`,
  modelWidth: (model: string, width: number, features: number, names: string) =>
    `--model '${model}' takes ${width} input features, but the table gives ${features} (${names}); choose the columns it was trained on with --features a,b,c (in its order).`,
  notTabularModel: (model: string, reason: string) =>
    `--model '${model}' is not a classifier of table rows: ${reason}`,
  modelClasses: (model: string, classes: number, target: string, count: number) =>
    `--model '${model}' has ${classes} classes but --target ${target} has ${count}; permutation importance scores the model against the labels, so they must match.`,
  explainFailed: (method: string, reason: string) =>
    `--method ${method} could not explain these rows: ${reason}`,
  nonFiniteExplanation: (method: string, row: number) =>
    `--method ${method} gave a non-finite value (NaN or Infinity) for row ${row}; JSON cannot hold it, so nothing was printed.`,
  // visualize: objectives, parameterization, transforms, regularizers (visualize/*)
  badTransformItem: (item: string, why: string) =>
    `--transforms item '${item}' ${why}; write standard, none, or items like pad:12,jitter:8,scale:0.9-1.1,rotate:10.`,
  unknownTransform: (name: string, known: readonly string[]) =>
    `--transforms: unknown transform '${name}'; known: ${known.join(', ')} (as name:value), or the whole value standard or none.`,
  transformsCropAll: (h: number, w: number) =>
    `--transforms: the jitters crop more than the pads add, so nothing of the ${h}×${w} input would be left; use smaller jitter items.`,
  badPosition: (value: string) =>
    `--position must be two whole numbers X,Y (column, row in the layer), got '${value}'.`,
  onlyWithObjective: (option: string, objective: string, given: string) =>
    `${opt(option)} applies only to --objective ${objective}, got --objective ${given}.`,
  directionNeedsFile: () =>
    '--objective direction needs --direction FILE (a JSON array, one number per channel).',
  channelsWithWholeLayer: (objective: string) =>
    `--channels does not apply to --objective ${objective}, which optimizes the whole layer; leave it out (use --batch N for N images).`,
  logitNeedsLogits: (layer: string) =>
    `--objective logit maximizes a class logit and reads the layer 'logits', got --layer '${layer}'; leave --layer out or use --objective channel.`,
  missingLayer: () => '--layer NAME is required (unless --objective logit).',
  bothDecorrelate: () => 'give at most one of --decorrelate and --no-decorrelate, got both.',
  decorrelateGrayscale: (channels: number) =>
    `--decorrelate works on RGB images (ImageNet's colour correlation), but this model takes ${channels} channel${channels === 1 ? '' : 's'}; leave it out.`,
  diversityBatch: (batch: number) =>
    `--diversity pushes the batch's images apart and needs --batch 2 or more (images per unit), got --batch ${batch}.`,
  diversityLayerWithout: () => '--diversity-layer applies only with --diversity W (W > 0).',
  directionFile: (file: string, why: string) =>
    `--direction '${file}' ${why}; write a JSON array with one finite number per channel of the layer, or {"vector": [...]}.`,
  directionLength: (file: string, got: number, layer: string, channels: number) =>
    `--direction '${file}' holds ${got} numbers, but layer '${layer}' has ${channels} channels; give one number per channel.`,
  directionNotFinite: (file: string, index: number, value: string) =>
    `--direction '${file}': entry ${index} must be a finite number, got ${value}.`,
  renderFailedUnits: (layer: string, units: string, reason: string) =>
    `layer '${layer}' ${units} could not be rendered (nothing was written): ${reason}`,
  nonFiniteUnit: (layer: string, unit: string, what: string) =>
    `the ${what} of layer '${layer}' ${unit} is not finite (NaN or Infinity): the model's weights or activations hold non-finite values; nothing was written.`,

  // --model FILE (model-option.ts)
  badModel: (file: string, reason: string) => `--model '${file}' cannot be used: ${reason}`,

  // --images DIR (images-option.ts) and examples
  imagesChannels: (caller: string, channels: number) =>
    `${caller} --images feeds models that take 1 (grey) or 3 (RGB) channels; this model takes ${channels}.`,
  badImagesFolder: (reason: string) => `--images: ${reason}`,
  suiteImagesNeedModel: () =>
    "--images needs --model model.json: the reference CNN classifies MNIST digits (28×28×1, 10 classes), and the i-th class folder must be your model's output i.",
  onlyWithImagesFolder: (option: string) =>
    `--${option} sets how --images DIR is read and applies only with --images; the MNIST digits need none.`,
  examplesNeedImages: (shape: readonly number[]) =>
    `this model takes ${shape.join('×')} images, and the default MNIST digits are 28×28×1; give your own with --images DIR.`,
  examplesFailed: (layer: string, reason: string) =>
    `dataset examples of layer '${layer}' could not be computed (nothing was written): ${reason}`,
} as const;
