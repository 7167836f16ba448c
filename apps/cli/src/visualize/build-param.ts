/**
 * `--param pixel|fourier`, `--decorrelate` and `--scale`: the cnn-vis parameterization, squashed by a sigmoid into
 * the range the model was trained on.
 */
import {
  decorrelateColors,
  fourierParam,
  pixelParam,
  sigmoidRange,
  type Parameterization,
} from '@openbox/cnn-vis';
import { IMAGENET_MEAN, IMAGENET_STD, type ImageScale } from '@openbox/datasets';
import { standardizedParam } from './standardized-param.js';
import type { ParamKind } from './visualize-options.js';

/** A parameterization and what it is, in words for result.json. */
export interface BuiltParam {
  readonly param: Parameterization;
  readonly description: string;
}

const mean3 = (v: readonly number[]): number => (v[0]! + v[1]! + v[2]!) / 3;

/** ImageNet's per-channel mean and std for `channels` (one channel: the channels' averages, as `scalePixels`). */
export function imagenetStatistics(channels: number): { mean: number[]; std: number[] } {
  return channels === 3
    ? { mean: [...IMAGENET_MEAN], std: [...IMAGENET_STD] }
    : { mean: [mean3(IMAGENET_MEAN)], std: [mean3(IMAGENET_STD)] };
}

/**
 * `sigmoidRange([decorrelateColors](pixelParam() | fourierParam()), { range })` with range [0, 1] for `--scale 0-1`
 * and [−1, 1] for `-1-1`; for `imagenet`, range [0, 1] then (x − mean[c]) / std[c] ({@link standardizedParam}).
 * With `fourier`, decorrelation and `0-1` this is cnn-vis's default `lucidParam({ range: [0, 1] })` (Lucid's
 * `param.image(fft=True, decorrelate=True)`). The caller checks that `decorrelate` is only asked for RGB models.
 * @example buildParam('pixel', false, '0-1', 1).description // 'pixel (N(0, 0.01²) start), sigmoid to [0, 1]'
 */
export function buildParam(
  kind: ParamKind,
  decorrelate: boolean,
  scale: ImageScale,
  channels: number,
): BuiltParam {
  const base = kind === 'pixel' ? pixelParam() : fourierParam();
  const inner = decorrelate ? decorrelateColors(base) : base;
  const words = `${kind === 'pixel' ? 'pixel (N(0, 0.01²) start)' : 'fourier (1/f spectrum, decay 1, sd 0.01)'}${decorrelate ? ', decorrelated colours' : ''}`;
  if (scale === 'imagenet') {
    const { mean, std } = imagenetStatistics(channels);
    return {
      param: standardizedParam(sigmoidRange(inner, { range: [0, 1] }), mean, std),
      description: `${words}, sigmoid to [0, 1], then (x − mean) / std with mean [${mean.map((m) => +m.toFixed(4)).join(', ')}], std [${std.map((s) => +s.toFixed(4)).join(', ')}]`,
    };
  }
  const range = scale === '-1-1' ? ([-1, 1] as const) : ([0, 1] as const);
  return {
    param: sigmoidRange(inner, { range }),
    description: `${words}, sigmoid to [${range[0]}, ${range[1]}]`,
  };
}

/**
 * A [0, 1] grey level in the model's `scale` (for the pads of the transforms): v, 2v − 1, or (v − mean)/std with
 * the channels' average ImageNet statistics.
 * @example scaledGrey(0.5, '-1-1', 3) // 0
 */
export function scaledGrey(value: number, scale: ImageScale, channels: number): number {
  if (scale === '0-1') return value;
  if (scale === '-1-1') return 2 * value - 1;
  const { mean, std } = imagenetStatistics(channels);
  return (
    (value - mean.reduce((a, b) => a + b, 0) / mean.length) / (std.reduce((a, b) => a + b, 0) / std.length)
  );
}
