import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@openbox/runtime';
import { UsageError } from '../errors.js';
import { methodOptions, type MethodFlags } from './method-options.js';
import { parseTargets, targetsPerInput } from './targets.js';

beforeAll(() => initBackend());

const NONE: MethodFlags = {
  abs: false,
  steps: undefined,
  igMethod: undefined,
  layer: undefined,
  window: undefined,
  stride: undefined,
  samples: undefined,
  noiseSd: undefined,
  seed: 0,
};

describe('methodOptions', () => {
  it('passes only the flags given (each method keeps its defaults), under the methods’ option names', () => {
    expect(methodOptions(NONE, undefined)).toEqual({ seed: 0 });
    const all: MethodFlags = {
      abs: true,
      steps: 32,
      igMethod: 'riemann-trapezoid',
      layer: 'c1',
      window: 4,
      stride: 2,
      samples: 7,
      noiseSd: 0.1,
      seed: 9,
    };
    expect(methodOptions(all, 'blur')).toEqual({
      abs: true,
      steps: 32,
      rule: 'riemann-trapezoid',
      baselines: 'blur',
      layer: 'c1',
      window: 4,
      stride: 2,
      samples: 7,
      noiseSd: 0.1,
      seed: 9,
    });
  });
  it('a baseline tensor goes through as it is', () => {
    const b = tf.zeros([1, 2, 2, 1]);
    expect(methodOptions(NONE, b)['baselines']).toBe(b);
    b.dispose();
  });
});

describe('targets', () => {
  it('parses class lists, repeats allowed', () => {
    expect(parseTargets(undefined)).toBeUndefined();
    expect(parseTargets('3, 3,0')).toEqual([3, 3, 0]);
  });
  it.each(['-1', '1.5', '', '01', '7x'])("rejects '%s'", (text) => {
    expect(() => parseTargets(`2,${text}`)).toThrow(
      new UsageError(
        'invalid-value',
        `--targets items must each be a class index (an integer ≥ 0) or a class name, got '${text}'.`,
        'targets',
      ),
    );
  });
  it('class names resolve against the folder when it names the model’s classes', () => {
    const folder = { source: 'images', labels: [0, 1], classNames: ['cat', 'dog'] };
    expect(parseTargets('dog, cat')).toEqual(['dog', 'cat']);
    expect(targetsPerInput(['dog'], 2, 2, () => [], folder)).toEqual([1, 1]);
    expect(targetsPerInput(['dog', 0], 2, 2, () => [], folder)).toEqual([1, 0]);
    expect(() => targetsPerInput(['cow'], 2, 2, () => [], folder)).toThrow(
      "--targets 'cow' is not a class of the image folder; its classes: cat, dog.",
    );
    expect(() => targetsPerInput(['dog'], 2, 10, () => [], folder)).toThrow(
      "--targets 'dog' names a class, but the folder's 2 classes are not the model's 10; give class indices 0..9.",
    );
    expect(() => targetsPerInput(['dog'], 2, 3, () => [], { source: 'inputs' })).toThrow(
      "--targets 'dog' names a class, but --inputs gives no class names; give class indices 0..2.",
    );
  });
  it('one for all, one per input, the predictions or the labels', () => {
    const none = { source: 'inputs' };
    expect(parseTargets(' predicted')).toBe('predicted');
    expect(parseTargets('label')).toBe('label');
    expect(targetsPerInput([4], 3, 10, () => [], none)).toEqual([4, 4, 4]);
    expect(targetsPerInput([4, 5, 6], 3, 10, () => [], none)).toEqual([4, 5, 6]);
    expect(targetsPerInput('predicted', 2, 10, () => [8, 1], none)).toEqual([8, 1]);
    expect(targetsPerInput('label', 2, 10, () => [8, 1], { source: 'images', labels: [3, 0] })).toEqual([
      3, 0,
    ]);
    expect(() => targetsPerInput('label', 2, 10, () => [], none)).toThrow(
      '--targets label needs labelled inputs (--images DIR or --digits), but --inputs has no labels; give class indices or predicted.',
    );
    expect(() =>
      targetsPerInput('label', 2, 2, () => [], {
        source: 'images',
        labels: [0, 2],
        classNames: ['a', 'b', 'c'],
      }),
    ).toThrow(
      "--targets label: class 'c' is class 2 of the folder, but the model has classes 0..1; give class indices or predicted.",
    );
    expect(() => targetsPerInput([1, 2], 3, 10, () => [], none)).toThrow(
      '--targets lists 2 classes for 3 inputs; give one per input or one for all.',
    );
    expect(() => targetsPerInput([1, 10], 2, 10, () => [], none)).toThrow(
      '--targets 10 is not a class of this model: it has classes 0..9.',
    );
  });
});
