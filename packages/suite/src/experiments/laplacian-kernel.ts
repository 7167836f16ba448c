/** The seed thread's 3×3 Laplacian kernel on real digits: 0 on flat patches, large on edges. */
import { imageGallery, imageHeatmap } from '@openbox/charts';
import { LAPLACIAN_KERNEL, imagesToPng, laplacianOnDigits } from '@openbox/cnn-vis';
import { loadMnist } from '@openbox/datasets';
import type { Experiment } from '../experiment.js';
import { galleryOf, round4 } from './image-rows.js';

const SHOWN = 8;

export const laplacianKernel: Experiment = {
  id: 'laplacian-kernel',
  title: "The thread's Laplacian kernel is an edge detector",
  claim:
    'The 3×3 kernel [[0,1,0],[1,−4,1],[0,1,0]] gives 0 on any flat patch and a large response where the patch contains an edge.',
  async run(ctx) {
    // 1. Digits: a seeded sample of the test split.
    const { test } = loadMnist({ seed: 0 });
    const n = ctx.quick ? 64 : 512;
    const order = ctx.rng.shuffle(Array.from({ length: test.shape[0]! }, (_, i) => i)).slice(0, n);
    const images = new Float32Array(n * 784);
    order.forEach((src, i) => images.set(test.features.subarray(src * 784, (src + 1) * 784), i * 784));
    ctx.progress(1, 2, 'convolving');
    // 2. Responses and measured facts.
    const report = laplacianOnDigits(images, n, 28, 28);
    const [, oh, ow] = report.responseShape;
    return {
      metrics: {
        digits: n,
        flatPatches: report.flatPatches,
        maxAbsOnFlat: round4(report.maxAbsOnFlat),
        edgePatches: report.edgePatches,
        meanAbsOnEdges: round4(report.meanAbsOnEdges),
        stepEdgeResponse: round4(report.stepEdgeResponse),
        flatResponse: round4(report.flatResponse),
      },
      verdict: {
        status: report.verdict === 'edge-detector' ? 'holds' : 'does-not-hold',
        reason: report.summary,
      },
      charts: [
        {
          id: 'kernel',
          title: 'The kernel',
          spec: imageHeatmap(
            LAPLACIAN_KERNEL.map((row) => [...row]),
            { title: 'Laplacian kernel', cellSize: 36 },
          ),
        },
        {
          id: 'digits',
          title: 'Digits',
          spec: imageGallery(
            galleryOf(images, SHOWN, 28, 28, (i) => `#${i}: digit ${test.target[order[i]!]}`),
            { title: 'Input digits', columns: SHOWN, cellSize: 4, scale: 'sequential' },
          ),
        },
        {
          id: 'responses',
          title: 'Responses',
          spec: imageGallery(
            galleryOf(report.responses, SHOWN, oh, ow, (i) => `#${i}: response`).map((g) => ({
              ...g,
              values: g.values.map((r) => r.map(round4)),
            })),
            { title: 'Laplacian responses (0 on flat areas)', columns: SHOWN, cellSize: 4 },
          ),
        },
      ],
      artifacts: [
        {
          file: 'digits.png',
          title: 'Input digits',
          png: imagesToPng(images.subarray(0, SHOWN * 784), [SHOWN, 28, 28, 1], { scale: 3 }),
        },
        {
          file: 'responses.png',
          title: 'Laplacian responses',
          png: imagesToPng(report.responses.subarray(0, SHOWN * oh * ow), [SHOWN, oh, ow, 1], {
            scale: 3,
            normalize: 'per-image',
          }),
        },
      ],
    };
  },
};
