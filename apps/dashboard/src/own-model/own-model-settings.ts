/** The "your model" page's settings: defaults and bounds, shared by the server-rendered form and the client. */

/** Defaults: small, so a page on a laptop GPU answers in seconds. */
export const OWN_MODEL_DEFAULTS = {
  /** Channels `0 … channels − 1` of the chosen layer are visualized. */
  channels: 4,
  /** Optimization steps of activation maximization (Lucid's 512 is for a real GPU and patience). */
  steps: 32,
  seed: 0,
  /** Riemann/Gauss–Legendre points of integrated gradients (Captum's default 50). */
  igSteps: 32,
} as const;

/** Inclusive bounds of each number field. */
export const OWN_MODEL_LIMITS = {
  channels: [1, 64],
  steps: [1, 4096],
  seed: [0, 2 ** 31 - 1],
  igSteps: [1, 1024],
} as const satisfies Record<keyof typeof OWN_MODEL_DEFAULTS, readonly [number, number]>;

/** The pixel scales offered (values are `@openbox/datasets` image-scale presets). */
export const IMAGE_SCALES_ON_PAGE = [
  { value: '0-1', label: '0 … 1 (x / 255)' },
  { value: '-1-1', label: '−1 … 1 (x / 127.5 − 1)' },
  { value: 'imagenet', label: 'ImageNet mean/std' },
] as const;
