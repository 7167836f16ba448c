/** Test helpers: a temp results folder with the fixture run, and a tiny real tfjs CNN for the live endpoint. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '@openbox/runtime';
import { writeFixtureRun } from './fixtures/write-fixture-run.js';
import type { FixtureRun } from './fixtures/write-fixture-run.js';
import { DIGIT_PIXELS } from './live/live-types.js';
import type { DigitSource } from './live/live-types.js';

/** A fresh temp folder holding the fixture run; `cleanup` removes it. */
export async function fixtureDir(): Promise<{ dir: string; run: FixtureRun; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-dashboard-'));
  const run = await writeFixtureRun(dir);
  return { dir, run, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The cpu backend (deterministic and always available). */
export async function useCpu(): Promise<void> {
  await initBackend({ backend: 'cpu' });
}

/** A tiny seeded CNN: conv 3×3×4 (relu) → max-pool 2 → flatten → dense 10 softmax, on 28×28×1 inputs. */
export function tinyCnn(): tfl.LayersModel {
  const m = tfl.sequential({
    layers: [
      tfl.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        name: 'conv',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({
        units: 10,
        activation: 'softmax',
        name: 'out',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
      }),
    ],
  });
  return m;
}

/** Deterministic LR weights `[784, 10]` and bias `[10]`, also returned as plain arrays for reference sums. */
export function tinyLr(): { w: tf.Tensor2D; b: tf.Tensor1D; wArr: Float32Array; bArr: Float32Array } {
  const wArr = Float32Array.from({ length: DIGIT_PIXELS * 10 }, (_, i) => Math.sin(i * 0.37) * 0.05);
  const bArr = Float32Array.from({ length: 10 }, (_, k) => k / 10 - 0.5);
  return { w: tf.tensor2d(wArr, [DIGIT_PIXELS, 10]), b: tf.tensor1d(bArr), wArr, bArr };
}

/** `count` synthetic digits (deterministic patterns in [0, 1]) labelled `index % 10`. */
export function syntheticDigits(count: number): DigitSource {
  return {
    count,
    get: (index) => ({
      pixels: Float32Array.from({ length: DIGIT_PIXELS }, (_, i) => (Math.sin(i * 0.1 + index) + 1) / 2),
      label: index % 10,
    }),
  };
}
