/**
 * `pnpm bench` for @openbox/cnn-vis: activation-maximization steps/s (16 channels) against the same loop in PyTorch
 * (`bench/torch_actmax.py`, Debian's python3-torch, 1 and 2 threads), on the same weights, interleaved over rounds
 * (`interleave`), at 28 px (reference CNN, conv2) and 224 px (the small RGB net, conv3); peak memory on both sides;
 * and how OpenBox's cost grows with pixels (64, 128, 224 px). Skips PyTorch, saying so, when torch is absent.
 * Env: `CNN_VIS_BENCH_ROUNDS` (≥ 3, default 3), `CNN_VIS_BENCH_STEPS_28` (64), `CNN_VIS_BENCH_STEPS_224` (4).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@openbox/runtime';
import { markdownTable, writeBenchmarkSection } from '../../../bench/benchmarks-md.js';
import {
  formatFigure,
  formatRatio,
  formatSummary,
  interleave,
  loadAverage,
  type Contender,
  type Summary,
} from '../../../bench/interleave.js';
import { LinePeer } from '../../../bench/line-peer.js';
import { torchPython } from '../../../bench/torch-python.js';
import { ModelAdapter, type ImageModel, channel, loadReferenceCnn, renderUnits } from '../src/index.js';
import { exportNet } from './export-net.js';
import { smallRgbNet } from './small-rgb-net.js';

const ROUNDS = Number(process.env.CNN_VIS_BENCH_ROUNDS ?? 3);
const UNITS = 16;
const rgbSteps = Number(process.env.CNN_VIS_BENCH_STEPS_224 ?? 4);
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'torch_actmax.py');

interface PeerAnswer {
  readonly seconds: number;
  readonly stepsPerSecond: number;
  readonly maxRssMiB: number;
}

/** One benchmark case: a net, the layer whose channels 0…15 are maximized, and the steps per round. */
interface Case {
  readonly name: string;
  readonly label: string;
  readonly adapter: ImageModel;
  readonly layer: string;
  readonly steps: number;
}

/** OpenBox's steps/s for one round of `c` (setup and the final read included, as on the PyTorch side). */
function openboxRate(c: Case): number {
  const started = performance.now();
  renderUnits(
    c.adapter,
    channel(
      c.layer,
      Array.from({ length: UNITS }, (_, i) => i),
    ),
    { steps: c.steps, seed: 0 },
  );
  return c.steps / ((performance.now() - started) / 1000);
}

// 1. Backend, nets, the exported weights, the peer.
const backend = await initBackend();
const loadBefore = loadAverage();
const { model } = await loadReferenceCnn();
const rgbNets = new Map([64, 128, 224].map((size) => [size, smallRgbNet(size, 0)] as const));
const cases: Case[] = [
  {
    name: 'ref28',
    label: 'reference CNN, conv2, 16 × 28×28×1',
    adapter: new ModelAdapter(model),
    layer: 'conv2',
    steps: Number(process.env.CNN_VIS_BENCH_STEPS_28 ?? 64),
  },
  {
    name: 'rgb224',
    label: 'small RGB net, conv3, 16 × 224×224×3',
    adapter: new ModelAdapter(rgbNets.get(224)!),
    layer: 'conv3',
    steps: rgbSteps,
  },
];
const dir = mkdtempSync(join(tmpdir(), 'cnn-vis-bench-'));
exportNet(model, 'conv2', join(dir, 'ref28.json'));
exportNet(rgbNets.get(224)!, 'conv3', join(dir, 'rgb224.json'));
const py = torchPython();
const peer =
  'python' in py ? new LinePeer<{ torch: string }>(py.python, [SCRIPT, dir], {}, 'torch_actmax.py') : null;
await peer?.ready();
const torchRss: number[] = [];
const torchRate = (c: Case, threads: number) => async () => {
  const a = await peer!.ask<PeerAnswer>(`run ${c.name} ${threads} ${c.steps} ${UNITS}`);
  torchRss.push(a.maxRssMiB);
  return a.stepsPerSecond;
};

// 2. Interleaved rounds per case: OpenBox, PyTorch 1 thread, PyTorch 2 threads.
const results: { c: Case; summaries: Summary[] }[] = [];
for (const c of cases) {
  openboxRate({ ...c, steps: 2 }); // warm-up
  const contenders: Contender[] = [{ name: 'OpenBox', measure: () => openboxRate(c) }];
  if (peer) {
    await torchRate({ ...c, steps: 2 }, 1)(); // warm-up
    contenders.push(
      { name: 'PyTorch 1 thread', measure: torchRate(c, 1) },
      { name: 'PyTorch 2 threads', measure: torchRate(c, 2) },
    );
  }
  const summaries = await interleave(contenders, ROUNDS, (round, figures) =>
    console.log(`${c.name} round ${round + 1}: ${figures.map((f) => formatFigure(f)).join(' / ')} steps/s`),
  );
  results.push({ c, summaries });
}
peer?.close();
rmSync(dir, { recursive: true, force: true });

// 3. Scaling with pixels (OpenBox): the small RGB net at 64, 128, 224 px, interleaved.
const scaling = await interleave(
  [...rgbNets.entries()].map(([size, net]) => {
    const c: Case = {
      name: `rgb${size}`,
      label: '',
      adapter: new ModelAdapter(net),
      layer: 'conv3',
      steps: 4,
    };
    openboxRate({ ...c, steps: 1 });
    return { name: `${size} px`, measure: () => openboxRate(c) };
  }),
  ROUNDS,
);

// 4. Peak memory at 224 px: tf's live bytes during a 2-step render (tf.profile), the process's peak RSS.
const rgb = cases[1]!;
const profile = await tf.profile(() => void openboxRate({ ...rgb, steps: 2 }));
const openboxRss = process.resourceUsage().maxRSS / 1024;
const mib = (x: number) => `${formatFigure(x, 3)} MiB`;

// 5. Report.
const rows = results.map(({ c, summaries }) => {
  const [ob, t1, t2] = summaries;
  return [
    c.label,
    String(c.steps),
    formatSummary(ob!),
    t1 ? formatSummary(t1) : 'skipped',
    t2 ? formatSummary(t2) : 'skipped',
    t1 ? formatRatio(ob!, t1) : '—',
    t2 ? formatRatio(ob!, t2) : '—',
  ];
});
const base = scaling[0]!;
const scalingRows = scaling.map((s, i) => {
  const size = [...rgbNets.keys()][i]!;
  return [
    s.name,
    formatSummary(s),
    formatFigure(1000 / s.median),
    `${formatFigure(base.median / s.median, 3)}× for ${formatFigure((size / 64) ** 2, 3)}× pixels`,
  ];
});
const body = [
  `Backend: ${backend.chosen} (tfjs '${tf.getBackend()}').`,
  `Load average: ${loadBefore} before, ${loadAverage()} after — other jobs share the machine; numbers taken under load`,
  'understate a quiet machine (PyTorch at 2 threads most: it needs both cores at once).',
  '',
  'Each step: Lucid-default parameterization (Fourier via separable real DFT matmuls, colour decorrelation for RGB,',
  'sigmoid), the standard transforms scaled to the input size (pad, jitter, one zoom per step, a rotation per image,',
  'jitter; zoom and the three rotation shears are typed-array linear interpolations along rows/columns with their',
  "adjoints as gradients), resize to the input, forward + input gradient + Adam (lr 0.05) on 16 channels' means.",
  peer
    ? `PyTorch ${peer.info?.torch} (Debian python3-torch, benchmark only, bench/torch_actmax.py): the same loop on the same weights (exported from tfjs), irfft2 and grid_sample (rotation as one bilinear sample).`
    : `PyTorch skipped: ${'skipped' in py ? py.skipped : ''}.`,
  '',
  `Steps/s, median [min–max] over ${ROUNDS} interleaved rounds (OpenBox, PyTorch 1 thread, PyTorch 2 threads):`,
  '',
  markdownTable(
    [
      'case',
      'steps/round',
      'OpenBox',
      'PyTorch 1 thr',
      'PyTorch 2 thr',
      'OpenBox / PyTorch 1',
      'OpenBox / PyTorch 2',
    ],
    rows,
  ),
  '',
  `Peak memory, 224 px × 16 units: OpenBox tf live bytes ${mib(profile.peakBytes / 2 ** 20)} (tf.profile of a 2-step render),` +
    ` process peak RSS ${mib(openboxRss)}; PyTorch process peak RSS ${torchRss.length > 0 ? mib(Math.max(...torchRss)) : 'skipped'}` +
    ' (resource.getrusage).',
  '',
  `OpenBox cost vs pixels (small RGB net, conv3, 16 units, ${rgbSteps} steps per round):`,
  '',
  markdownTable(['size', 'steps/s', 'ms/step', 'cost growth vs 64 px'], scalingRows),
].join('\n');
writeBenchmarkSection(
  'cnn-vis',
  'cnn-vis: activation maximization vs PyTorch',
  'npx pnpm@10 --filter @openbox/cnn-vis bench',
  body,
);
console.log(body);
