import * as tfc from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { noGradientGraphArtifacts } from '@openbox/testing';
import { initBackend } from '../init-backend.js';
import { explainGradientError } from './explain-gradient-error.js';
import { GraphModelAdapter } from './graph-model-adapter.js';

beforeAll(async () => {
  await initBackend();
});

async function depthToSpaceGraph(): Promise<GraphModelAdapter> {
  return new GraphModelAdapter(await tfc.loadGraphModel(tf.io.fromMemory(noGradientGraphArtifacts())));
}

describe('explainGradientError', () => {
  it("names the op, its nodes and the caller where tfjs has no gradient (tfjs-core's own text underneath)", async () => {
    const adapter = await depthToSpaceGraph();
    expect(adapter.layer('Identity').outputShape).toEqual([null, 4, 4, 1]);
    const x = tf.ones([1, 2, 2, 4]);
    let caught: unknown;
    const before = tf.memory().numTensors;
    try {
      tf.grad((v: tf.Tensor) => tf.mean(adapter.activations(v, ['Identity'])['Identity']!))(x);
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toBe(
      'Cannot compute gradient: gradient function not found for DepthToSpace.',
    );
    const explained = explainGradientError(caught, adapter, 'saliency') as Error;
    expect(explained.message).toBe(
      'saliency: the graph op DepthToSpace (nodes: up/DepthToSpace) has no gradient in TensorFlow.js, so saliency cannot differentiate through it; attribute a layer before it, or use a method that needs no gradient (occlusion, KernelSHAP).',
    );
    expect(explained.cause).toBe(caught);
    // Differentiating up to the node before it works.
    const g = tf.grad((v: tf.Tensor) => tf.mean(adapter.activations(v, ['mix/Conv2D'])['mix/Conv2D']!))(x);
    expect(g.shape).toEqual([1, 2, 2, 4]);
    tf.dispose([x, g]);
    adapter.model.dispose();
  });

  it('returns any other error unchanged', async () => {
    const adapter = await depthToSpaceGraph();
    const other = new Error('something else');
    expect(explainGradientError(other, adapter, 'saliency')).toBe(other);
    expect(explainGradientError('not an error', adapter, 'saliency')).toBe('not an error');
    adapter.model.dispose();
  });
});
