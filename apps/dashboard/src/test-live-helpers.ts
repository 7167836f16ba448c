/** Test helper for the live endpoint: the cpu backend and the tiny real tfjs CNN, LR weights and digits. */
import { initBackend } from '@openbox/runtime';

/** The cpu backend (deterministic and always available). */
export async function useCpu(): Promise<void> {
  await initBackend({ backend: 'cpu' });
}

/** The fixture CNN, LR weights and digits (see `fixtures/fixture-live.ts`). */
export {
  fixtureCnn as tinyCnn,
  fixtureDigits as syntheticDigits,
  fixtureLr as tinyLr,
} from './fixtures/fixture-live.js';
