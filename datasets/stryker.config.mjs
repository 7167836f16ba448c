/** Mutation testing of the CSV loader and standardization: `pnpm mutate --package datasets`. */
import { strykerConfig } from '../scripts/stryker-base.mjs';

export default strykerConfig(import.meta.url, {
  mutate: ['src/csv/**/*.ts', 'src/standardize.ts'],
});
