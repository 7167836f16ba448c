/**
 * Test-only worker: initializes wasm with `workerData.threads` threads, trains the reference CNN for a few seeded
 * steps and posts the thread count tfjs reports and the final weights (bytes), so a test can compare thread counts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../init-backend.js';
import { buildReferenceCnn } from '../reference-cnn.js';

const { threads } = workerData as { threads: number };
const report = await initBackend({ backend: 'wasm', threads });
const model = buildReferenceCnn({ seed: 3 });
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
const x = tf.randomUniform([32, 28, 28, 1], 0, 1, 'float32', 11);
const y = tf.cast(tf.oneHot(tf.randomUniform([32], 0, 10, 'int32', 12), 10), 'float32');
for (let step = 0; step < 3; step++) await model.trainOnBatch(x, y);
const weights = model.getWeights().map((w) => new Uint8Array(w.dataSync().slice().buffer));
parentPort!.postMessage({ threads: report.threads, threadsNote: report.threadsNote, weights });
