/** Development aid: per-kernel cost of activation-maximization steps (median time × calls, robust to machine noise). */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@openbox/runtime';
import { ModelAdapter, channel, loadReferenceCnn, renderUnits } from '../src/index.js';

await initBackend();
const { model } = await loadReferenceCnn();
const adapter = new ModelAdapter(model);
const channels = Array.from({ length: 16 }, (_, i) => i);
const steps = 20;
renderUnits(adapter, channel('conv2', channels), { steps: 2 });
const info = await tf.profile(() => void renderUnits(adapter, channel('conv2', channels), { steps }));
const times = new Map<string, number[]>();
for (const k of info.kernels) times.set(k.name, [...(times.get(k.name) ?? []), Number(k.kernelTimeMs) || 0]);
const rows = [...times.entries()].map(([name, t]) => {
  const sorted = [...t].sort((a, b) => a - b);
  return {
    name,
    calls: t.length / steps,
    median: sorted[Math.floor(sorted.length / 2)]!,
    perStep: (sorted[Math.floor(sorted.length / 2)]! * t.length) / steps,
  };
});
rows.sort((a, b) => b.perStep - a.perStep);
for (const r of rows.slice(0, 20))
  console.log(
    `${r.name.padEnd(24)} ${r.calls.toFixed(1).padStart(5)} calls/step  median ${r.median.toFixed(3)} ms  ≈ ${r.perStep.toFixed(2)} ms/step`,
  );
console.log(
  `kernels per step: ${(info.kernels.length / steps).toFixed(0)}; sum of medians ≈ ${rows.reduce((s, r) => s + r.perStep, 0).toFixed(1)} ms/step`,
);
