/** Lucid's default image parameterization: Fourier spectrum → decorrelated colours → sigmoid. */
import { decorrelateColors } from './decorrelate-colors.js';
import { fourierParam, type FourierParamOptions } from './fourier.js';
import type { Parameterization } from './parameterization.js';
import { sigmoidRange } from './sigmoid-range.js';

/**
 * `sigmoidRange(decorrelateColors(fourierParam(options)), { range })` — Lucid's `param.image(fft=True,
 * decorrelate=True)`. Colour decorrelation applies only to 3-channel images.
 * @example const param = lucidParam({ decay: 1, range: [0, 1] });
 */
export function lucidParam(
  options: FourierParamOptions & { range?: readonly [number, number] } = {},
): Parameterization {
  return sigmoidRange(
    decorrelateColors(fourierParam(options)),
    options.range === undefined ? {} : { range: options.range },
  );
}
