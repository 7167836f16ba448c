import { describe, expect, it } from 'vitest';
import { kerasFans } from './fans.js';

describe('kerasFans', () => {
  it.each([
    ['a scalar', [], 1, 1],
    ['a vector [n] (Keras: both fans n)', [7], 7, 7],
    ['a dense kernel [in, out]', [784, 10], 784, 10],
    ['a conv kernel [kh, kw, in, out]: receptive field 5·5 times the channels', [5, 5, 1, 16], 25, 400],
    ['a conv kernel with 16 input channels', [5, 5, 16, 32], 400, 800],
    ['a depthwise kernel [kh, kw, in, multiplier]', [3, 3, 8, 2], 72, 18],
    ['a conv1d kernel [k, in, out]', [3, 4, 6], 12, 18],
    ['a conv3d kernel [kd, kh, kw, in, out]', [2, 3, 3, 4, 5], 72, 90],
  ])('%s', (_what, shape, fanIn, fanOut) => {
    expect(kerasFans(shape)).toEqual({ fanIn, fanOut });
  });
});
