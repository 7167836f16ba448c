/** `--param pixel|fourier` and `--decorrelate`: the cnn-vis parameterization, squashed by a sigmoid into [0, 1]. */
import {
  decorrelateColors,
  fourierParam,
  pixelParam,
  sigmoidRange,
  type Parameterization,
} from '@openbox/cnn-vis';
import type { ParamKind } from './visualize-options.js';

/** A parameterization and what it is, in words for result.json. */
export interface BuiltParam {
  readonly param: Parameterization;
  readonly description: string;
}

/**
 * `sigmoidRange([decorrelateColors](pixelParam() | fourierParam()), { range: [0, 1] })`; with `fourier` and
 * decorrelation this is cnn-vis's default `lucidParam({ range: [0, 1] })` (Lucid's `param.image(fft=True,
 * decorrelate=True)`). The caller checks that `decorrelate` is only asked for 3-channel models.
 * @example buildParam('pixel', false).description // 'pixel, sigmoid to [0, 1]'
 */
export function buildParam(kind: ParamKind, decorrelate: boolean): BuiltParam {
  const base = kind === 'pixel' ? pixelParam() : fourierParam();
  const inner = decorrelate ? decorrelateColors(base) : base;
  const words = kind === 'pixel' ? 'pixel (N(0, 0.01²) start)' : 'fourier (1/f spectrum, decay 1, sd 0.01)';
  return {
    param: sigmoidRange(inner, { range: [0, 1] }),
    description: `${words}${decorrelate ? ', decorrelated colours' : ''}, sigmoid to [0, 1]`,
  };
}
