/**
 * A child process that measures OpenBox in its own backend, one JSON command per stdin line (the protocol of
 * `bench/line-peer.ts`), so the runtime benchmark can compare wasm at 1 and 2 threads in the same interleaved rounds:
 * a backend and its thread pool are fixed once per process (`OPENBOX_WASM_THREADS`, read by `initBackend`).
 * First line: `{ backend, threads, threadsNote }`; then `{"task": "train", "steps": 20}` → `{ rate, seconds }`.
 * Run: `tsx packages/runtime/bench/openbox-peer.ts` with `OPENBOX_BACKEND=wasm OPENBOX_WASM_THREADS=2`.
 */
import { createInterface } from 'node:readline';
import { initBackend } from '../src/init-backend.js';
import { buildReferenceCnn } from '../src/reference-cnn.js';
import { runOpenboxTask, type PeerCommand } from './openbox-tasks.js';

const report = await initBackend();
// `threads` / `threadsNote` are read structurally: older `BackendReport`s have neither (one wasm thread).
const { threads, threadsNote } = report as { threads?: number; threadsNote?: string };
console.log(
  JSON.stringify({ backend: report.chosen, threads: threads ?? null, threadsNote: threadsNote ?? null }),
);
const model = buildReferenceCnn({ seed: 0 });
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  try {
    console.log(
      JSON.stringify({ ...(await runOpenboxTask(model, JSON.parse(line) as PeerCommand)), threads }),
    );
  } catch (error) {
    console.log(JSON.stringify({ error: (error as Error).message.split('\n')[0] }));
  }
}
model.dispose();
// End when stdin closes even if the backend leaves a handle open (threaded wasm's workers did before they were unreferenced).
process.exit(0);
