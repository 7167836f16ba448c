/** Messages of the "your model" page: the server's (a missing client build) and the page's own. */

export const OWN_MODEL_MESSAGES = {
  clientNotBuilt: (file: string) =>
    `the "your model" page's script ${file} is missing or unreadable: build the dashboard (pnpm --filter @openbox/dashboard build)`,
  noModelJson: (names: readonly string[]) =>
    `no model.json among the model files (${names.join(', ') || 'none'}): pick the model.json and its weight files`,
  twoModelJson: (names: readonly string[]) =>
    `more than one .json among the model files (${names.join(', ')}): pick one model.json with its weight files`,
  missingWeights: (missing: readonly string[]) =>
    `model.json names weight files that were not picked: ${missing.join(', ')}`,
  notModelJson: (name: string, problem: string) => `${name} is not a TensorFlow.js model.json: ${problem}`,
  badInputShape: (shape: string) =>
    `the model's input shape is ${shape}; this page needs an image input [height, width, 1 or 3]`,
  noImages: 'pick one or more PNG or JPEG images',
  badNumber: (label: string, value: string, min: number, max: number) =>
    `${label} is "${value}": use an integer from ${min} to ${max}`,
  noLayers: 'the model has no layer with channels to visualize',
} as const;
