/**
 * The native backend measured: OpenBox on tfjs-node (libtensorflow 2.21 from the tensorflow-cpu wheel, installed by
 * `pnpm setup:native`) at its default pools and at 1 thread (a child process, scripts/native/native-peer.mjs)
 * against OpenBox on wasm and PyTorch at 1 and 2 threads, the reference CNN's training
 * (batch 64, samples/s) and input gradient (batch 8, steps/s), contenders interleaved A B C D over ≥ 3 rounds,
 * medians with min–max, the load average printed. The native rows also give CPU ÷ wall (libtensorflow's own thread
 * pools) and training GFLOP/s at the reference CNN's training FLOPs per sample (`bench/model-flops.ts`, as the runtime bench).
 *
 * Run after `pnpm build` (it loads @openbox/runtime's dist): `node --import tsx scripts/bench-native.mjs
 * [--rounds=5] [--no-write]`. Without the binding it says so and measures nothing native; without PyTorch it skips
 * that peer. It writes its section of BENCHMARKS.md (id `native`) unless `--no-write`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownTable, writeBenchmarkSection } from '../bench/benchmarks-md.ts';
import { formatFigure, formatRatio, formatSummary, interleave, loadAverage } from '../bench/interleave.ts';
import { LinePeer } from '../bench/line-peer.ts';
import { modelFlops } from '../bench/model-flops.ts';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'packages', 'runtime', 'dist');
const TORCH_SCRIPT = join(ROOT, 'bench', 'torch_reference.py');
const COMMAND = 'pnpm setup:native && node --import tsx scripts/bench-native.mjs';
const args = process.argv.slice(2);
process.env['TF_CPP_MIN_LOG_LEVEL'] ??= '2'; // libtensorflow's start-up notices, read when it loads
const ROUNDS = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 5);
const WRITE = !args.includes('--no-write');

// 1. OpenBox: the runtime's dist; the native binding or the reason it is absent.
if (!existsSync(join(DIST, 'index.js')))
  throw new Error('bench-native: build @openbox/runtime first (pnpm build)');
const runtime = await import(pathToFileURL(join(DIST, 'index.js')).href);
const { nodeBindingProblem } = await import(pathToFileURL(join(DIST, 'node-binding.js')).href);
const tf = createRequire(join(ROOT, 'packages', 'runtime', 'package.json'))('@tensorflow/tfjs-core');
const problem = nodeBindingProblem('@tensorflow/tfjs-node');
await runtime.initBackend({ backend: 'wasm' });
if (problem === undefined) await runtime.initBackend({ backend: 'node' });
const TRAIN_MFLOP_PER_SAMPLE = Number(
  (modelFlops(runtime.buildReferenceCnn({ seed: 0 }).layers).training / 1e6).toPrecision(3),
);

// 2. PyTorch, if Debian's python has it.
let torch;
let torchSkipped;
try {
  torch = new LinePeer('/usr/bin/python3', [TORCH_SCRIPT], {}, 'torch_reference.py');
  await torch.ready();
} catch (error) {
  torch = undefined;
  torchSkipped = `PyTorch skipped: /usr/bin/python3 ${TORCH_SCRIPT} did not start (${error.message})`;
}

// 2b. OpenBox native at 1 thread, in its own process (libtensorflow reads its pool sizes once, at start).
let native1;
if (problem === undefined) {
  native1 = new LinePeer(
    process.execPath,
    [join(ROOT, 'scripts', 'native', 'native-peer.mjs')],
    { TF_NUM_INTRAOP_THREADS: '1', TF_NUM_INTEROP_THREADS: '1' },
    'native-peer.mjs',
  );
  await native1.ready();
}

// 3. Contenders: each measures one round and returns its rate.
const cpuShare = {};
function openbox(backend, tfName, task, measure) {
  return {
    name: `OpenBox ${backend}`,
    async measure() {
      await tf.setBackend(tfName);
      const cpu = process.cpuUsage();
      const result = await measure();
      const used = process.cpuUsage(cpu);
      (cpuShare[`${backend} ${task}`] ??= []).push((used.user + used.system) / 1e6 / result.seconds);
      return task === 'train' ? result.samplesPerSecond : result.stepsPerSecond;
    },
  };
}
function nativeOneThread(task, steps) {
  return {
    name: 'OpenBox native 1 thread',
    async measure() {
      const answer = await native1.ask(JSON.stringify({ task, steps }));
      if (answer.error !== undefined) throw new Error(answer.error);
      (cpuShare[`native 1 thread ${task}`] ??= []).push(answer.cpuPerWall);
      return answer.rate;
    },
  };
}
function pytorch(threads, task, steps) {
  return {
    name: `PyTorch ${threads} thread${threads > 1 ? 's' : ''}`,
    async measure() {
      const answer = await torch.ask(JSON.stringify({ task, threads, steps, warmup: 3 }));
      if (answer.error !== undefined) throw new Error(answer.error);
      return answer.rate;
    },
  };
}
const TASKS = [
  {
    label: 'reference CNN training, batch 64 (samples/s)',
    task: 'train',
    steps: 30,
    run: (steps) => runtime.measureTrainingThroughput({ steps, batchSize: 64 }),
  },
  {
    label: 'input gradient, batch 8 (steps/s)',
    task: 'inputGradient',
    steps: 60,
    run: (steps) => runtime.measureInputGradientRate({ steps, batchSize: 8 }),
  },
];

// 4. Interleaved rounds per task.
const loadBefore = loadAverage();
console.log(`bench-native: ${ROUNDS} rounds, load ${loadBefore}`);
if (problem !== undefined) console.log(`native backend absent: ${problem} — run pnpm setup:native`);
if (torchSkipped) console.log(torchSkipped);
const rows = [];
let nativeTrainGflops;
for (const { label, task, steps, run } of TASKS) {
  const contenders = [
    ...(problem === undefined
      ? [openbox('native', 'tensorflow', task, () => run(steps)), nativeOneThread(task, steps)]
      : []),
    openbox('wasm', 'wasm', task, () => run(steps)),
    ...(torch ? [pytorch(1, task, steps), pytorch(2, task, steps)] : []),
  ];
  const summaries = await interleave(contenders, ROUNDS, (round, figures) =>
    console.log(
      `  ${task} round ${round + 1}: ${figures.map((f, i) => `${contenders[i].name} ${formatFigure(f)}`).join(', ')}`,
    ),
  );
  const by = Object.fromEntries(summaries.map((s) => [s.name, s]));
  const native = by['OpenBox native'];
  const native1Summary = by['OpenBox native 1 thread'];
  const ratio = (a, b) => (a && b ? formatRatio(a, b) : '—');
  rows.push([
    label,
    native ? formatSummary(native) : 'not installed',
    native1Summary ? formatSummary(native1Summary) : 'not installed',
    formatSummary(by['OpenBox wasm']),
    by['PyTorch 1 thread'] ? formatSummary(by['PyTorch 1 thread']) : 'skipped',
    by['PyTorch 2 threads'] ? formatSummary(by['PyTorch 2 threads']) : 'skipped',
    ratio(native, by['PyTorch 2 threads']),
    ratio(native1Summary, by['PyTorch 1 thread']),
    ratio(native, by['OpenBox wasm']),
  ]);
  if (native && task === 'train') nativeTrainGflops = (native.median * TRAIN_MFLOP_PER_SAMPLE) / 1000;
}
torch?.close();
native1?.close();

// 5. The table, the CPU ÷ wall of the OpenBox rows, the section.
const share = Object.entries(cpuShare)
  .map(([k, v]) => `${k} ${formatFigure(v.sort((a, b) => a - b)[v.length >> 1], 2)}`)
  .join(', ');
const header = [
  'work',
  'OpenBox native',
  'OpenBox native 1 thread',
  'OpenBox wasm',
  'PyTorch 1 thread',
  'PyTorch 2 threads',
  'native / PyTorch 2',
  'native 1 thread / PyTorch 1',
  'native / wasm',
];
const table = markdownTable(header, rows);
const info = torch?.info ? `PyTorch ${torch.info.torch} (python ${torch.info.python})` : torchSkipped;
const body = [
  problem === undefined
    ? 'OpenBox on `@tensorflow/tfjs-node` 4.22 with libtensorflow 2.21.0 out of the `tensorflow-cpu` wheel, its binding compiled here by `pnpm setup:native` (node-gyp, local Node headers).'
    : `The native backend is not installed (${problem}); run \`pnpm setup:native\`.`,
  `Medians [min–max] over ${ROUNDS} interleaved rounds; ratios are median ratios [per-round range]. ${info}.`,
  `Load average ${loadBefore} before, ${loadAverage()} after. CPU ÷ wall (median): ${share}.`,
  table,
  nativeTrainGflops === undefined
    ? ''
    : `Training on native: ${formatFigure(nativeTrainGflops)} GFLOP/s (${TRAIN_MFLOP_PER_SAMPLE} MFLOP per sample).`,
].join('\n\n');
console.log(`\n${body}`);
if (WRITE)
  writeBenchmarkSection('native', 'Native backend (tfjs-node on the tensorflow-cpu wheel)', COMMAND, body);
process.exit(0);
