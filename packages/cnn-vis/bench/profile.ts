/** Per-kernel time of one activation-maximization step (development aid). */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@openbox/runtime';
import { ModelAdapter, channel, loadReferenceCnn, renderUnits } from '../src/index.js';

await initBackend();
const { model } = await loadReferenceCnn();
const adapter = new ModelAdapter(model);
const ch = Array.from({ length: 16 }, (_, i) => i);
renderUnits(adapter, channel('conv2', ch), { steps: 2 });
const info = await tf.profile(() => {
  renderUnits(adapter, channel('conv2', ch), { steps: 10 });
});
const byKernel = new Map<string, { ms: number; n: number }>();
for (const k of info.kernels) {
  const e = byKernel.get(k.name) ?? { ms: 0, n: 0 };
  e.ms += Number(k.kernelTimeMs) || 0;
  e.n++;
  byKernel.set(k.name, e);
}
for (const k of info.kernels.slice(0, 400))
  if (['Slice', 'Conv2DBackpropInput', 'BatchMatMul', 'Sqrt'].includes(k.name))
    console.log(k.name, JSON.stringify(k.inputShapes), Number(k.kernelTimeMs).toFixed(2));
console.log(
  [...byKernel.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 25)
    .map(([k, v]) => `${k} ${v.ms.toFixed(1)}ms x${v.n}`)
    .join('\n'),
);
console.log('kernels', info.kernels.length);
