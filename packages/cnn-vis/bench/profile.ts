/**
 * Development aid: per-kernel cost of activation-maximization steps (median time × calls, robust to machine noise).
 * `PROFILE_SIZE=224` profiles the small RGB net at that size (layer conv3) instead of the reference CNN (conv2).
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@openbox/runtime';
import { ModelAdapter, channel, loadReferenceCnn, renderUnits } from '../src/index.js';
import { smallRgbNet } from './small-rgb-net.js';

await initBackend();
const size = Number(process.env.PROFILE_SIZE ?? 0);
const [adapter, layer] =
  size > 0
    ? [new ModelAdapter(smallRgbNet(size, 0)), 'conv3']
    : [new ModelAdapter((await loadReferenceCnn()).model), 'conv2'];
const channels = Array.from({ length: 16 }, (_, i) => i);
const steps = Number(process.env.PROFILE_STEPS ?? (size > 0 ? 3 : 20));
renderUnits(adapter, channel(layer, channels), { steps: 2 });
const info = await tf.profile(() => void renderUnits(adapter, channel(layer, channels), { steps }));
const times = new Map<string, number[]>();
for (const k of info.kernels) times.set(k.name, [...(times.get(k.name) ?? []), Number(k.kernelTimeMs) || 0]);
const rows = [...times.entries()].map(([name, t]) => {
  const sorted = [...t].sort((a, b) => a - b);
  return {
    name,
    calls: t.length / steps,
    median: sorted[Math.floor(sorted.length / 2)]!,
    perStep: (sorted[Math.floor(sorted.length / 2)]! * t.length) / steps,
    total: t.reduce((s, x) => s + x, 0) / steps,
  };
});
rows.sort((a, b) => b.total - a.total);
for (const r of rows.slice(0, 25))
  console.log(
    `${r.name.padEnd(24)} ${r.calls.toFixed(1).padStart(5)} calls/step  median ${r.median.toFixed(3)} ms  ≈ ${r.perStep.toFixed(2)} ms/step (mean ${r.total.toFixed(2)})`,
  );
console.log(
  `kernels per step: ${(info.kernels.length / steps).toFixed(0)}; sum of means ≈ ${rows.reduce((s, r) => s + r.total, 0).toFixed(1)} ms/step; peak bytes ${(info.peakBytes / 2 ** 20).toFixed(0)} MiB`,
);
