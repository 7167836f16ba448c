/**
 * OpenBox vs PyTorch on the reference CNN, every figure from the same interleaved rounds: training samples/s at batch
 * 64, input-gradient steps/s at batch 8 (both sides differentiate the softmax output), inference samples/s at batch 64,
 * and the matrix-multiply ceiling each side reaches (tfjs `matMul` 1024² on OpenBox's backend; PyTorch 2048² through
 * oneDNN at 1 and 2 threads, and `torch.mm` through the BLAS Debian links). Contenders take turns (`interleave`,
 * ≥ 3 rounds): OpenBox in this process, OpenBox wasm at 1 and 2 threads in child processes (a wasm thread pool is
 * fixed per process), PyTorch at 1 and 2 threads in one persistent peer (`torch.set_num_threads` per command).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as tfl from '@tensorflow/tfjs-layers';
import { interleave, type Contender, type Summary } from '../../../bench/interleave.js';
import { LinePeer } from '../../../bench/line-peer.js';
import { torchPython } from '../../../bench/torch-python.js';
import { runOpenboxTask, type PeerAnswer, type PeerCommand, type TaskName } from './openbox-tasks.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const TORCH_SCRIPT = join(HERE, '../../../bench/torch_reference.py');
const OPENBOX_PEER = join(HERE, 'openbox-peer.ts');

/** The tasks compared, in table order. */
export const TASKS: readonly TaskName[] = ['train', 'inputGradient', 'inference', 'matmul'];

/** One row's contenders' summaries, in the order they ran; `peer` tells the kind of each. */
export interface TaskResult {
  readonly task: TaskName;
  readonly summaries: readonly (Summary & {
    readonly peer: PeerKind;
    readonly threads: number | undefined;
  })[];
}

/** Who measured a figure: OpenBox in this process, an OpenBox wasm child, or PyTorch (oneDNN / torch.mm for matmul). */
export type PeerKind = 'openbox' | 'openbox-child' | 'torch' | 'torch-blas';

export interface VersusResult {
  readonly results: readonly TaskResult[];
  /** Why PyTorch was not measured, when it was not. */
  readonly torchSkipped?: string;
  readonly torchInfo?: { readonly torch: string; readonly python: string };
  /** Why the wasm 1-vs-2-thread rows are missing, when they are. */
  readonly threadsSkipped?: string;
}

/** Steps per round of each side (fewer with `quick`). */
function commands(quick: boolean): Record<TaskName, { openbox: PeerCommand; torch: PeerCommand }> {
  const q = (full: number, short: number) => (quick ? short : full);
  const both = (task: TaskName, steps: number, torchSteps = steps) => ({
    openbox: { task, steps },
    torch: { task, steps: torchSteps },
  });
  return {
    train: both('train', q(20, 6), q(40, 10)),
    inputGradient: both('inputGradient', q(40, 12), q(100, 25)),
    inference: both('inference', q(30, 8), q(60, 15)),
    matmul: {
      openbox: { task: 'matmul', steps: q(8, 3), size: 1024 },
      torch: { task: 'matmul', steps: q(6, 2), size: 2048 },
    },
  };
}

type JsonPeer = LinePeer<{
  threads?: number | null;
  threadsNote?: string | null;
  torch?: string;
  python?: string;
}>;

/** Asks `peer` to measure `command`, rejecting with the peer's error message. */
async function measureOn(peer: JsonPeer, command: PeerCommand): Promise<number> {
  const answer = await peer.ask<PeerAnswer>(JSON.stringify(command));
  if (answer.error !== undefined) throw new Error(answer.error);
  return answer.rate;
}

/** The two wasm children (1 and 2 threads), or why they cannot be compared. */
async function wasmChildren(): Promise<{ children: JsonPeer[] } | { skipped: string }> {
  const start = (threads: number) =>
    new LinePeer(
      process.execPath,
      [...process.execArgv, OPENBOX_PEER],
      { OPENBOX_BACKEND: 'wasm', OPENBOX_WASM_THREADS: String(threads) },
      `openbox-peer.ts (wasm, ${threads} thread${threads > 1 ? 's' : ''})`,
    ) as JsonPeer;
  const children = [start(1), start(2)];
  await Promise.all(children.map((c) => c.ready()));
  const two = children[1]!.info!;
  if (two.threads === 2) return { children };
  children.forEach((c) => c.close());
  return {
    skipped:
      two.threads === null || two.threads === undefined
        ? 'initBackend reports no wasm thread count here (single-threaded wasm only)'
        : `OPENBOX_WASM_THREADS=2 gave ${two.threads} thread(s)${two.threadsNote ? `: ${two.threadsNote}` : ''}`,
  };
}

/**
 * Runs every task over `rounds` interleaved rounds. `label` names OpenBox's in-process backend (e.g. `wasm, 2 threads`).
 * @example const { results } = await versusTorch(model, { rounds: 5, quick: false, label: 'wasm' });
 */
export async function versusTorch(
  model: tfl.LayersModel,
  options: {
    readonly rounds: number;
    readonly quick: boolean;
    readonly label: string;
    readonly threads?: number;
  },
): Promise<VersusResult> {
  // 1. The peers: PyTorch (if Debian's python has it) and the two wasm children.
  const py = torchPython();
  const torch =
    'python' in py
      ? (new LinePeer(py.python, [TORCH_SCRIPT], {}, 'torch_reference.py') as JsonPeer)
      : undefined;
  await torch?.ready();
  const wasm = await wasmChildren();
  const children = 'children' in wasm ? wasm.children : [];
  // 2. Interleaved rounds, one task after another.
  const plan = commands(options.quick);
  const results: TaskResult[] = [];
  try {
    for (const task of TASKS) {
      const { openbox, torch: torchCommand } = plan[task];
      const contenders: (Contender & { peer: PeerKind; threads: number | undefined })[] = [
        {
          name: `OpenBox (${options.label})`,
          peer: 'openbox',
          threads: options.threads,
          measure: async () => (await runOpenboxTask(model, openbox)).rate,
        },
        ...children.map((c, i) => ({
          name: `OpenBox wasm ${i + 1} thread${i > 0 ? 's' : ''}`,
          peer: 'openbox-child' as const,
          threads: i + 1,
          measure: () => measureOn(c, openbox),
        })),
        ...(torch === undefined
          ? []
          : [1, 2].map((threads) => ({
              name: `PyTorch ${threads} thread${threads > 1 ? 's' : ''}`,
              peer: 'torch' as const,
              threads,
              measure: () => measureOn(torch, { ...torchCommand, threads }),
            }))),
      ];
      if (task === 'matmul' && torch !== undefined)
        contenders.push({
          name: 'PyTorch torch.mm 512² (BLAS)',
          peer: 'torch-blas',
          threads: 1,
          measure: () =>
            measureOn(torch, { task: 'matmul', steps: 2, size: 512, kernel: 'blas', threads: 1, warmup: 1 }),
        });
      const summaries = await interleave(contenders, options.rounds, (round, figures) =>
        console.log(
          `${task} round ${round + 1}: ${figures.map((f, i) => `${contenders[i]!.name} ${f.toFixed(1)}`).join(', ')}`,
        ),
      );
      results.push({
        task,
        summaries: summaries.map((s, i) => ({
          ...s,
          peer: contenders[i]!.peer,
          threads: contenders[i]!.threads,
        })),
      });
    }
  } finally {
    torch?.close();
    children.forEach((c) => c.close());
  }
  const info = torch?.info;
  return {
    results,
    ...('skipped' in py ? { torchSkipped: py.skipped } : {}),
    ...(info?.torch !== undefined ? { torchInfo: { torch: info.torch, python: info.python ?? '?' } } : {}),
    ...('skipped' in wasm ? { threadsSkipped: wasm.skipped } : {}),
  };
}
