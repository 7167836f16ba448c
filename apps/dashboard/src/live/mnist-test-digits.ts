/** `mnistTestDigits`: the MNIST test split as the live endpoint's `DigitSource` (kept on the server thread). */
import { loadMnist } from '@openbox/datasets';
import type { DigitSource } from './live-types.js';

/**
 * The 10,000 MNIST test digits (`loadMnist({ seed: 0 }).test`), each 784 pixels in [0, 1] with its label.
 * @example const digits = mnistTestDigits(); digits.get(7).label
 */
export function mnistTestDigits(): DigitSource {
  const { test } = loadMnist({ seed: 0 });
  return {
    count: test.shape[0]!,
    get: (index) => ({
      pixels: test.features.slice(index * 784, (index + 1) * 784),
      label: test.target[index]!,
    }),
  };
}
