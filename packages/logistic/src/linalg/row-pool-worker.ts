/** A {@link RowPool} worker: keeps the shared arrays it is sent and runs the tasks it is given, then signals. */
import { parentPort } from 'node:worker_threads';
import { KERNELS, type PoolTask, type SharedArrays } from './pool-kernels.js';

let arrays: SharedArrays = {};
let done: Int32Array = new Int32Array(2);
parentPort?.on(
  'message',
  (m: { type: 'share'; arrays: SharedArrays; done: Int32Array } | { type: 'run'; tasks: PoolTask[] }) => {
    if (m.type === 'share') {
      arrays = m.arrays;
      done = m.done;
      return;
    }
    try {
      for (const task of m.tasks) KERNELS[task.kernel](arrays, task);
    } catch {
      Atomics.store(done, 1, 1);
    }
    Atomics.add(done, 0, 1);
    Atomics.notify(done, 0);
  },
);
