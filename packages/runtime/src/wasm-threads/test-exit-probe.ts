/** Test-only script: starts wasm on 2 threads, runs a convolution on them, prints the thread count and returns. */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../init-backend.js';

const report = await initBackend({ backend: 'wasm', threads: 2 });
const y = tf.conv2d(tf.ones([8, 32, 32, 8]) as tf.Tensor4D, tf.ones([3, 3, 8, 16]) as tf.Tensor4D, 1, 'same');
console.log(JSON.stringify({ threads: report.threads, sum: (await tf.sum(y).data())[0] }));
