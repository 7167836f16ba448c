/** Keeps the cpu backend's "install tfjs-node" banner out of OpenBox's output (we report backends ourselves). */
import * as tf from '@tensorflow/tfjs-core';

/** Create the cpu backend if registered and mark its first-use banner as shown. Safe to call repeatedly. */
export function silenceCpuBanner(): void {
  const backend = tf.engine().findBackend('cpu') as { firstUse?: boolean } | null;
  if (backend !== null && 'firstUse' in backend) backend.firstUse = false;
}
