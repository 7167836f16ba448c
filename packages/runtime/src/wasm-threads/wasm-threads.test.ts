import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { initBackend } from '../init-backend.js';
import { siblingModuleUrl } from '../worker/sibling-module-url.js';
import { workerSource } from '../worker/worker-source.js';
import { MAX_WASM_THREADS, resolveWasmThreads } from './wasm-thread-count.js';

interface Probe {
  readonly threads: number;
  readonly threadsNote?: string;
  readonly weights: Uint8Array[];
}

/** Runs the probe in its own worker thread (its own tfjs and wasm module) with `threads` wasm threads. */
function probe(threads: number): Promise<Probe> {
  const entry = siblingModuleUrl('./test-thread-probe', import.meta.url);
  const source = workerSource(entry, entry);
  return new Promise((resolve, reject) => {
    const worker = new Worker(source.script, {
      eval: source.eval,
      execArgv: source.execArgv,
      workerData: { threads },
    });
    worker.once('message', (message: Probe) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('resolveWasmThreads', () => {
  const saved = process.env['OPENBOX_WASM_THREADS'];
  afterEach(() => {
    if (saved === undefined) delete process.env['OPENBOX_WASM_THREADS'];
    else process.env['OPENBOX_WASM_THREADS'] = saved;
  });

  it('takes the option, then OPENBOX_WASM_THREADS, then every core (at most 8)', () => {
    delete process.env['OPENBOX_WASM_THREADS'];
    expect(resolveWasmThreads(undefined)).toBe(Math.min(availableParallelism(), MAX_WASM_THREADS));
    process.env['OPENBOX_WASM_THREADS'] = ' 3 ';
    expect(resolveWasmThreads(undefined)).toBe(3);
    expect(resolveWasmThreads(1)).toBe(1);
  });

  it.each([
    [0, 'options.threads', '0'],
    [9, 'options.threads', '9'],
    [1.5, 'options.threads', '1.5'],
    [Number.NaN, 'options.threads', 'NaN'],
  ])('refuses the option %s', (value, origin, shown) => {
    expect(() => resolveWasmThreads(value)).toThrow(
      `initBackend: ${origin} is '${shown}', which is not a thread count; use an integer from 1 to 8.`,
    );
  });

  it.each(['two', '-1', '0', '1e3', '12'])('refuses OPENBOX_WASM_THREADS=%s', (value) => {
    process.env['OPENBOX_WASM_THREADS'] = value;
    expect(() => resolveWasmThreads(undefined)).toThrow(
      `initBackend: OPENBOX_WASM_THREADS is '${value}', which is not a thread count; use an integer from 1 to 8.`,
    );
  });
});

describe('multithreaded wasm', () => {
  it('runs on 2 threads and trains to the same bits as 1 thread', async () => {
    const [one, two] = [await probe(1), await probe(2)];
    expect(one.threads).toBe(1);
    expect(one.threadsNote).toBeUndefined();
    expect(two.threadsNote).toBeUndefined();
    expect(two.threads).toBe(2);
    expect(two.weights.length).toBe(one.weights.length);
    for (const [i, w] of two.weights.entries()) expect(Buffer.compare(w, one.weights[i]!)).toBe(0);
  });

  it('lets a finished program exit: the pthread workers do not keep it alive', async () => {
    const script = fileURLToPath(new URL('./test-exit-probe.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=@openbox/source', script],
      { timeout: 60_000, env: { ...process.env, OPENBOX_WASM_THREADS: '' } },
    );
    // 8×32×32×16 outputs; a 'same' 3×3 sum over 8 ones: 72 inside, 48 on edges, 32 in corners (per channel).
    const perChannel = 30 * 30 * 72 + 4 * 30 * 48 + 4 * 32;
    expect(JSON.parse(stdout)).toEqual({ threads: 2, sum: 8 * 16 * perChannel });
  });

  it('keeps the thread count fixed for the life of the process, naming both counts', async () => {
    const report = await initBackend({ backend: 'wasm' });
    expect(report.threads).toBeGreaterThanOrEqual(1);
    const other = report.threads === 1 ? 2 : 1;
    await expect(initBackend({ backend: 'wasm', threads: other })).rejects.toThrow(
      `initBackend: the wasm backend already runs on ${report.threads} thread${report.threads === 1 ? '' : 's'} in this process and cannot change to ${other}; start a new process (or a worker thread) with options.threads = ${other}.`,
    );
    expect(await initBackend({ backend: 'wasm', threads: report.threads! })).toBe(report);
  });
});
