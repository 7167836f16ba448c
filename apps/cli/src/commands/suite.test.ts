import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { makePatternImages, writeImageFolder } from '@openbox/datasets';
import { initBackend, saveModel } from '@openbox/runtime';
import { listRuns } from '@openbox/suite';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';
import { parseOptions } from '../args.js';
import { SUITE_OPTIONS } from './suite.js';

describe('openbox suite', () => {
  it('runs the chosen experiments, prints one line each and the run folder, and writes a complete run', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'openbox-cli-suite-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const progress = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await main([
        'suite',
        '--quick',
        '--only',
        'laplacian-kernel,logistic-synthetic',
        '--seed',
        '3',
        '--out',
        out,
      ]);
      expect(code).toBe(0);
      const [run] = listRuns(out);
      expect(run?.seed).toBe(3);
      expect(run?.experiments.map((e) => [e.id, e.status])).toEqual([
        ['laplacian-kernel', 'ok'],
        ['logistic-synthetic', 'ok'],
      ]);
      expect(String(log.mock.calls.at(-1)?.[0])).toContain(`Results in ${out}/${run?.runId}`);
      const lines = progress.mock.calls.map((c) => String(c[0])).join('');
      expect(lines).toContain('(1/2)');
      expect(lines).toContain('(2/2)');
      const result = JSON.parse(
        await readFile(path.join(out, run!.runId, 'laplacian-kernel', 'result.json'), 'utf8'),
      );
      expect(result.verdict.status).toBe('holds');
    } finally {
      log.mockRestore();
      progress.mockRestore();
      await rm(out, { recursive: true, force: true });
    }
  });

  it('--help shows --workers with its bounds', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await main(['suite', '--help'])).toBe(0);
      const help = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(help).toContain('[--workers N]');
      expect(help).toMatch(/--workers N +worker threads running experiments side by side/);
    } finally {
      log.mockRestore();
    }
  });

  it('options: defaults; a bad seed, an empty --only item and unknown ids are usage errors (exit 2)', async () => {
    expect(parseOptions(SUITE_OPTIONS, [])).toEqual({
      out: 'results',
      quick: false,
      only: [],
      seed: 0,
      model: undefined,
      images: undefined,
      scale: '0-1',
      fit: 'resize',
      workers: undefined,
    });
    expect(parseOptions(SUITE_OPTIONS, ['--workers', '3']).workers).toBe(3);
    for (const bad of ['0', '65', '1.5', 'two', '-2'])
      expect(() => parseOptions(SUITE_OPTIONS, ['--workers', bad])).toThrow(
        `--workers must be an integer from 1 to 64, got '${bad}'.`,
      );
    expect(parseOptions(SUITE_OPTIONS, ['--only', 'logistic-synthetic, laplacian-kernel']).only).toEqual([
      'logistic-synthetic',
      'laplacian-kernel',
    ]);
    expect(() => parseOptions(SUITE_OPTIONS, ['--seed', '-1'])).toThrow(
      "--seed must be an integer from 0 to 2147483647, got '-1'.",
    );
    expect(() => parseOptions(SUITE_OPTIONS, ['--seed', '2147483648'])).toThrow(
      "--seed must be an integer from 0 to 2147483647, got '2147483648'.",
    );
    expect(() => parseOptions(SUITE_OPTIONS, ['--only', 'laplacian-kernel,nope'])).toThrow(
      '--only items must each be one of laplacian-kernel, ',
    );
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['suite', '--only', 'nope'])).toBe(2);
      expect(await main(['suite', '--bogus'])).toBe(2);
      expect(String(error.mock.calls.at(-1)?.[0])).toContain("openbox suite: unknown option '--bogus'");
    } finally {
      error.mockRestore();
    }
  });

  it('--images needs --model (exit 2); a bad image folder fails before any run, naming the file (exit 1)', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'openbox-cli-suite-images-'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const progress = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const out = path.join(root, 'results');
      expect(await main(['suite', '--images', root, '--out', out])).toBe(2);
      expect(String(error.mock.calls.at(-1)?.[0])).toContain(
        '--images needs --model model.json: the reference CNN classifies MNIST digits',
      );
      // A 2-class RGB 16×16 model, and a folder whose one image is not a PNG.
      await initBackend();
      const model = tfl.sequential({
        layers: [
          tfl.layers.conv2d({ inputShape: [16, 16, 3], filters: 2, kernelSize: 3, activation: 'relu' }),
          tfl.layers.flatten(),
          tfl.layers.dense({ units: 2, activation: 'softmax' }),
        ],
      });
      await saveModel(model, path.join(root, 'model'));
      model.dispose();
      const images = path.join(root, 'images');
      await writeImageFolder(images, makePatternImages({ n: 4, size: 16, seed: 0, channels: 3 }));
      const bad = path.join(images, 'vertical', 'broken.png');
      await writeFile(bad, 'not an image');
      const argv = ['suite', '--model', path.join(root, 'model', 'model.json'), '--images', images];
      expect(await main([...argv, '--out', out, '--quick', '--only', 'max-patch-vs-filter'])).toBe(1);
      expect(String(error.mock.calls.at(-1)?.[0])).toMatch(/openbox suite: --images: .*broken\.png/);
      expect(existsSync(out)).toBe(false);
    } finally {
      error.mockRestore();
      progress.mockRestore();
      await rm(root, { recursive: true, force: true });
    }
  });
});
