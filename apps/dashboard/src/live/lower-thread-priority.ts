/** `lowerThreadPriority`: raise the calling thread's nice value (Linux), so it yields the CPU to the server thread. */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * On Linux, `setpriority(2)` given a thread id changes that thread alone; `/proc/thread-self` names the caller's
 * (`<pid>/task/<tid>`). Called inside the live worker so that, on a busy machine, the model gets the CPU the
 * request thread leaves: pages stay fast while the live endpoint is flooded. Returns whether it worked
 * (never throws; other systems, or `nice` 0, leave the priority as it is).
 * @example lowerThreadPriority(10)
 */
export function lowerThreadPriority(nice: number): boolean {
  if (nice <= 0 || process.platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, Math.min(19, Math.round(nice)));
    return true;
  } catch {
    return false;
  }
}
