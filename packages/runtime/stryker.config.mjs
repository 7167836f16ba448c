/** Mutation testing of the OpenBox wasm kernels and the seeded generator: `pnpm mutate --package runtime`. */
import { strykerConfig } from '../../scripts/stryker-base.mjs';

export default strykerConfig(import.meta.url, {
  // The kernels, not their registration list or the test backends (messages.ts is never mutated).
  mutate: [
    'src/kernels/*.ts',
    '!src/kernels/register-wasm-kernels.ts',
    '!src/kernels/test-backends.ts',
    'src/rng.ts',
  ],
  // Kernel tests compare against the cpu backend and finite differences over many shapes: slower per mutant.
  timeoutMS: 60_000,
});
