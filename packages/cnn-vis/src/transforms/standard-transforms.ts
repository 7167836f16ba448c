/** Lucid's standard transformation-robustness chain, with pixel sizes scaled to the model's input size. */
import { jitter } from './jitter.js';
import { pad } from './pad.js';
import { randomRotate } from './random-rotate.js';
import { randomScale } from './random-scale.js';
import { compose, type Transform } from './transform.js';

/** The resolved numbers of {@link standardTransforms}. */
export interface StandardTransformSettings {
  readonly pad: number;
  readonly padValue: number;
  readonly jitter: number;
  readonly scales: readonly [number, number];
  readonly degrees: number;
  readonly finalJitter: number;
}

/** Lucid's numbers are for 224 px inputs (pad 12, jitter 8, scale 0.9–1.1, rotate ±10°, jitter 4). */
export const LUCID_REFERENCE_SIZE = 224;

/**
 * Lucid's `standard_transforms` with pixel amounts multiplied by `inputSize / 224` (at least 1 px): a 28 px MNIST model
 * gets pad 2, jitter 1, jitter 1; scale and rotation are relative and stay as they are. `padValue` defaults to 0.5 for
 * RGB (Lucid) and 0 for grayscale (MNIST's background).
 */
export function standardTransformSettings(inputSize: number, channels: number): StandardTransformSettings {
  const f = inputSize / LUCID_REFERENCE_SIZE;
  const px = (n: number) => Math.max(1, Math.round(n * f));
  return {
    pad: px(12),
    padValue: channels === 3 ? 0.5 : 0,
    jitter: px(8),
    scales: [0.9, 1.1],
    degrees: 10,
    finalJitter: px(4),
  };
}

/**
 * `pad → jitter → randomScale → randomRotate → jitter`, sized for the model (see {@link standardTransformSettings}).
 * @example const t = standardTransforms(28, 1); // for the MNIST CNN
 */
export function standardTransforms(
  inputSize: number,
  channels: number,
  overrides: Partial<StandardTransformSettings> = {},
): Transform {
  const s = {
    ...standardTransformSettings(inputSize, channels),
    ...overrides,
  } satisfies StandardTransformSettings;
  return compose(
    pad({ size: s.pad, value: s.padValue }),
    jitter({ pixels: s.jitter }),
    randomScale({ scales: s.scales }),
    randomRotate({ degrees: s.degrees }),
    jitter({ pixels: s.finalJitter }),
  );
}
