/** User-facing messages of the suite's worker pool; each names the function and the value. */
import { escapeForMessage } from '@openbox/safe-io';

export const POOL_MESSAGES = {
  badWorkers: (value: unknown) =>
    `runSuite: workers must be an integer from 1 to 64, got ${escapeForMessage(String(value))}.`,
  workerExited: (id: string, code: number) =>
    `runSuite: the worker running experiment '${id}' exited with code ${code} before it finished.`,
  workerCrashed: (id: string, reason: string) =>
    `runSuite: the worker running experiment '${id}' crashed: ${escapeForMessage(reason, 300)}`,
  noWorkerStarted: (reason: string) =>
    `runSuite: no pool worker could start (${escapeForMessage(reason, 300)}).`,
} as const;
