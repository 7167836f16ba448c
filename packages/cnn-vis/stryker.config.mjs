/** Mutation testing of parameterizations, transforms, objectives, regularizers and first-layer tools: `pnpm mutate --package cnn-vis`. */
import { strykerConfig } from '../../scripts/stryker-base.mjs';

export default strykerConfig(import.meta.url, {
  mutate: [
    'src/param/**/*.ts',
    'src/transforms/**/*.ts',
    'src/objectives/**/*.ts',
    'src/regularizers/**/*.ts',
    'src/first-layer/**/*.ts',
  ],
  // Renders and the reference CNN (trained or loaded once by the global setup) make each run seconds long.
  timeoutMS: 60_000,
});
