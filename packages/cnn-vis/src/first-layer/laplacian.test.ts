/** edgeSeparation, rocAuc, kernelProbes and correlate3x3 on hand-made patches, against hand-computed values. */
import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import {
  EDGE_RANGE,
  LAPLACIAN_KERNEL,
  correlate3x3,
  edgeSeparation,
  kernelProbes,
  rocAuc,
  type Kernel3x3,
} from './laplacian.js';

// 5×5 images, [y][x]; each gives a 3×3 'valid' response map whose entry (y, x) is centred on pixel (y + 1, x + 1).
// Every value is a binary fraction, so the float64 responses are exact.
const flat = Array.from({ length: 5 }, () => [0.75, 0.75, 0.75, 0.75, 0.75]);
const step = [0, 0, 1, 1, 1].map((v) => [v, v, v, v, v]); // rows 0–1 dark, rows 2–4 bright
const line = Array.from({ length: 5 }, () => [0, 0, 1, 0, 0]); // a bright column at x = 2
const dotAt = (v: number) =>
  [0, 1, 2, 3, 4].map((y) => [0, 1, 2, 3, 4].map((x) => (x === 2 && y === 2 ? v : 0)));
const ramp = Array.from({ length: 5 }, () => [0, 0.125, 0.25, 0.375, 0.5]); // range 0.25 in every window
const halfStep = [0, 0, 0.5, 0.5, 0.5].map((v) => [v, v, v, v, v]); // a step of exactly 0.5
const background = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
const images = [flat, step, line, dotAt(1), ramp, halfStep, background, dotAt(0.25)];
const batch = Float32Array.from(images.flat(2));

const scaled = (k: Kernel3x3, s: number) => k.map((row) => row.map((v) => s * v)) as unknown as Kernel3x3;

describe('correlate3x3', () => {
  it('gives the hand-computed Laplacian responses (up + down + left + right − 4·centre)', () => {
    const responses = correlate3x3(batch, images.length, 5, 5, LAPLACIAN_KERNEL);
    const expected = [
      [0, 0, 0, 0, 0, 0, 0, 0, 0], // flat
      [1, 1, 1, -1, -1, -1, 0, 0, 0], // step: one bright neighbour below (+1); then 3 bright neighbours − 4
      [1, -2, 1, 1, -2, 1, 1, -2, 1], // line: beside it +1; on it 1 + 1 − 4
      [0, 1, 0, 1, -4, 1, 0, 1, 0], // dot
      [0, 0, 0, 0, 0, 0, 0, 0, 0], // ramp: a linear image has no Laplacian
      [0.5, 0.5, 0.5, -0.5, -0.5, -0.5, 0, 0, 0], // half step: the step's responses × 0.5
      [0, 0, 0, 0, 0, 0, 0, 0, 0], // background
      [0, 0.25, 0, 0.25, -1, 0.25, 0, 0.25, 0], // faint dot
    ];
    // Binary fractions with integer weights: exact in float64.
    expectArraysClose(responses, expected.flat(), 0, 'Laplacian responses');
  });

  it('is cross-correlation (no kernel flip): a 1 at [0][2] reads the pixel two to the right', () => {
    const image = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]; // 3 rows × 4 columns
    const topRight: Kernel3x3 = [
      [0, 0, 1],
      [0, 0, 0],
      [0, 0, 0],
    ];
    expect(Array.from(correlate3x3(image, 1, 3, 4, topRight))).toEqual([3, 4]);
  });
});

describe('rocAuc (Mann–Whitney, ties half)', () => {
  it.each([
    ['one tie among four pairs', [3, 2], [1, 2], 3.5 / 4],
    ['every positive above every negative', [5, 6, 7], [1, 2], 1],
    ['every positive below', [0], [1, 2], 0],
    ['all tied', [1, 1], [1, 1, 1], 0.5],
    ['interleaved', [1, 3], [2, 4], 1 / 4],
  ])('%s', (_, positives, negatives, expected) => {
    expect(rocAuc(positives, negatives)).toBe(expected);
  });

  it('ties scores joined by a chain of gaps ≤ tieTolerance', () => {
    // Without a tolerance 1.25 beats 1 and loses to 2; 3 beats both: 3 of 4 pairs.
    expect(rocAuc([1.25, 3], [1, 2])).toBe(3 / 4);
    // With 0.25, 1 and 1.25 tie (half a pair): 2.5 of 4.
    expect(rocAuc([1.25, 3], [1, 2], 0.25)).toBe(2.5 / 4);
    // A chain: 1, 1.25, 1.5 are one tie group although 1 and 1.5 lie 0.5 apart.
    expect(rocAuc([1.25], [1, 1.5], 0.25)).toBe(0.5);
  });

  it('is NaN when either side is empty', () => {
    expect([rocAuc([], [1]), rocAuc([1], [])]).toEqual([NaN, NaN]);
  });
});

describe('kernelProbes', () => {
  it('measures the Laplacian on flat, step, ramp, line and dot patches: 0, −1, 0, −2, −4', () => {
    expect(kernelProbes(LAPLACIAN_KERNEL)).toEqual({ flat: 0, step: -1, ramp: 0, line: -2, dot: -4 });
  });

  it('measures the checkerboard minus its mean 1/9: Σcb·x − Σx/9 on each patch', () => {
    const cb = [1, -1, 1, -1, 1, -1, 1, -1, 1].map((v) => v - 1 / 9);
    const probes = kernelProbes([cb.slice(0, 3), cb.slice(3, 6), cb.slice(6, 9)] as unknown as Kernel3x3);
    // step: 0 − 6/9; ramp: 0.5 − 4.5/9; line: −1 − 3/9; dot: 1 − 1/9; flat: 0.7·(1 − 1). Measured float error ≤ 5.6e-16.
    expectArraysClose(
      [probes.flat, probes.step, probes.ramp, probes.line, probes.dot],
      [0, -2 / 3, 0, -4 / 3, 8 / 9],
      5e-15,
      'checkerboard probes',
    );
  });
});

describe('edgeSeparation', () => {
  it('labels the hand-made patches and gives the hand-computed AUC 10/11', () => {
    const r = edgeSeparation(batch, images.length, 5, 5);
    expect(r.responseShape).toEqual([8, 3, 3]);
    expect(r.edgeRange).toBe(EDGE_RANGE);
    // Background: the 9 windows of `background`. Edges (range ≥ 0.5): rows 0–1 of `step` and `halfStep` (6 each), all
    // 9 of `line` and of the dot. The other 33 (flat, ramp with range 0.25, the faint dot, bright rows) are not.
    expect([r.patches, r.backgroundPatches, r.edgePatches, r.nonEdgePatches]).toEqual([72, 9, 30, 33]);
    // |r| on edges: 0 ×4, 0.5 ×6, 1 ×16, 2 ×3, 4 ×1; on non-edges: 0 ×28, 0.25 ×4, 1 ×1. Pairs won (ties half):
    // 4·14 + 6·32 + 16·32.5 + 3·33 + 1·33 = 900 of 30·33 = 990.
    expect(r.auc).toBe(900 / 990);
    expect(r.meanAbsOnEdges).toBeCloseTo(29 / 30, 14);
    expect(r.meanAbsOnNonEdges).toBeCloseTo(2 / 33, 14);
    expect(r.probes).toEqual(kernelProbes(LAPLACIAN_KERNEL));
  });

  it('gives exactly the same AUC for 0.1 × and −3 × the Laplacian (ties survive float rounding)', () => {
    const auc = edgeSeparation(batch, images.length, 5, 5).auc;
    expect(edgeSeparation(batch, images.length, 5, 5, { kernel: scaled(LAPLACIAN_KERNEL, 0.1) }).auc).toBe(
      auc,
    );
    expect(edgeSeparation(batch, images.length, 5, 5, { kernel: scaled(LAPLACIAN_KERNEL, -3) }).auc).toBe(
      auc,
    );
  });

  it('moves the edge threshold with edgeRange: at 0.25 the ramp and the faint dot are edges too', () => {
    const r = edgeSeparation(batch, images.length, 5, 5, { edgeRange: 0.25 });
    expect([r.backgroundPatches, r.edgePatches, r.nonEdgePatches]).toEqual([9, 48, 15]);
  });

  it('refuses a batch of the wrong size and a negative edgeRange, naming them', () => {
    expect(() => edgeSeparation(new Float32Array(25), 2, 5, 5)).toThrow(
      'edgeSeparation: images must be [n, height, width, 1 | 3]; got [2, 5, 5, 0.5].',
    );
    expect(() => edgeSeparation(batch, images.length, 5, 5, { edgeRange: -1 })).toThrow(
      'edgeSeparation: edgeRange must be a finite number >= 0; got -1.',
    );
  });
});
