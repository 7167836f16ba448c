import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend, saveModel } from '@openbox/runtime';
import * as tf from '@tensorflow/tfjs-core';
import { CommandError, UsageError } from '../errors.js';
import { main } from '../main.js';
import { visualizeCommand } from './visualize.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-visualize-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small RGB conv net: conv c1 (6 channels) → flatten → dense out (3 classes). */
function userModel(): tfl.Sequential {
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv2d({
      inputShape: [16, 16, 3],
      filters: 6,
      kernelSize: 3,
      activation: 'relu',
      name: 'c1',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  model.add(tfl.layers.flatten({ name: 'f' }));
  model.add(
    tfl.layers.dense({
      units: 3,
      activation: 'softmax',
      name: 'out',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
    }),
  );
  return model;
}

/**
 * A user's own small RGB conv net saved as model.json; a copy whose conv kernel is all NaN; and one whose kernel is
 * finite but so large (3e38) that every activation overflows float32 to Infinity.
 */
beforeAll(async () => {
  await initBackend();
  const model = userModel();
  await saveModel(model, join(dir, 'user'));
  const [kernel, bias] = model.getLayer('c1').getWeights();
  const nan = tf.fill(kernel!.shape, NaN);
  model.getLayer('c1').setWeights([nan, bias!]);
  nan.dispose();
  await saveModel(model, join(dir, 'nan'));
  const huge = tf.fill(kernel!.shape, 3e38);
  model.getLayer('c1').setWeights([huge, bias!]);
  huge.dispose();
  await saveModel(model, join(dir, 'overflow'));
  model.dispose();
});

/** Runs the command with stdout and stderr (progress) captured. */
async function run(argv: string[]): Promise<number> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    return await visualizeCommand.run(argv);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('openbox visualize', () => {
  it("writes one PNG per channel, a tiled PNG, result.json and index.html for a user's model file", async () => {
    const out = join(dir, 'out-user');
    expect(
      await run([
        '--model',
        join(dir, 'user', 'model.json'),
        '--layer',
        'c1:pre',
        '--channels',
        '0,2-3',
        '--steps',
        '16',
        '--out',
        out,
      ]),
    ).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'c1_pre-c0.png',
      'c1_pre-c2.png',
      'c1_pre-c3.png',
      'c1_pre.png',
      'index.html',
      'result.json',
    ]);
    const png = readFileSync(join(out, 'c1_pre-c2.png')); // PNG signature, then IHDR: width and height at bytes 16 and 20
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([112, 112]);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result.units.map((u: { channel: number }) => u.channel)).toEqual([0, 2, 3]);
    expect(result.units.map((u: { file: string }) => u.file)).toEqual([
      'c1_pre-c0.png',
      'c1_pre-c2.png',
      'c1_pre-c3.png',
    ]);
    expect(result.curveSteps).toEqual([1, 8, 16]);
    expect(result.objective).toBe('channel');
    expect(result.jobs).toEqual([
      {
        label: 'channels 0,2-3',
        objective: 'channel(c1:pre:0,2,3)',
        description: 'mean activation of channel 0, 2, 3 of layer c1:pre over all positions',
        unitObjective: 'channel(c1:pre:0,2,3)',
        batchSize: 3,
        seed: 0,
      },
    ]);
    for (const u of result.units) {
      expect(u.objective[2]).toBeGreaterThan(u.objective[0]);
      expect(u.unitValue).toBe(u.final); // no penalty or diversity: the unit is the whole objective
    }
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(3);
    expect(html).toContain('c1:pre · channel 2');
    expect(html).toContain(`objective ${result.units[1].final.toPrecision(5)}`);
  });
  it('--json prints result.json on stdout and nothing else; progress stays on stderr', async () => {
    const out = join(dir, 'out-json');
    const stdout: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void stdout.push(String(s)));
    const stderr: string[] = [];
    const write = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation((s: string | Uint8Array) => (stderr.push(String(s)), true));
    try {
      const argv = [
        '--model',
        join(dir, 'user', 'model.json'),
        '--layer',
        'c1',
        '--channels',
        '1',
        '--steps',
        '4',
      ];
      expect(await visualizeCommand.run([...argv, '--out', out, '--json'])).toBe(0);
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
    expect(stdout).toHaveLength(1);
    expect(JSON.parse(stdout[0]!)).toEqual(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')));
    expect(stderr.join('')).toMatch(/\(1\/1\) channels 1: final objective/);
  });
  it('visualizes class logits of the reference CNN when --model is left out', async () => {
    const out = join(dir, 'out-ref');
    expect(
      await run(['--layer', 'logits', '--channels', '0-9', '--steps', '24', '--seed', '3', '--out', out]),
    ).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result.model).toMatch(/reference MNIST CNN/);
    expect(result.objective).toBe('logit');
    expect(result.units).toHaveLength(10);
    expect(result.units[9].unit).toBe('class 9');
    expect(readdirSync(out)).toContain('logits-c9.png');
  });
  it('rejects bad arguments with a UsageError naming what exists', async () => {
    const model = join(dir, 'user', 'model.json');
    await expect(run(['--model', model, '--out', dir])).rejects.toThrow(
      new UsageError('missing-option', '--layer NAME is required (unless --objective logit).', 'layer'),
    );
    await expect(run(['--model', model, '--layer', 'c9', '--out', dir])).rejects.toThrow(
      "openbox visualize --layer: unknown layer 'c9'. Layers in this model: c1, f, out (plus 'input' and 'logits').",
    );
    await expect(run(['--model', model, '--layer', 'c1', '--channels', '4-7', '--out', dir])).rejects.toThrow(
      "--channels 4-7 out of range: layer 'c1' has channels 0..5.",
    );
    await expect(
      run(['--model', model, '--layer', 'c1', '--channels', '0,5-6,9', '--out', dir]),
    ).rejects.toThrow("--channels 5-6, 9 out of range: layer 'c1' has channels 0..5.");
    await expect(run(['--model', model, '--layer', 'c1', '--steps', '0', '--out', dir])).rejects.toThrow(
      "--steps must be an integer from 1 to 10000, got '0'.",
    );
  });

  it('a huge --channels fails before the model is read (a missing model file is never reached)', async () => {
    const missing = join(dir, 'no-such-model.json');
    const started = performance.now();
    for (const channels of ['0-999999999', '99999999999999999999999', '0-511,600']) {
      await expect(
        run(['--model', missing, '--layer', 'c1', '--channels', channels, '--out', join(dir, 'never')]),
      ).rejects.toThrow(UsageError);
    }
    expect(performance.now() - started).toBeLessThan(1000);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('NaN weights: exit 1 naming the layer, nothing written', async () => {
    const out = join(dir, 'out-nan');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const argv = ['--model', join(dir, 'nan', 'model.json'), '--layer', 'c1', '--steps', '4', '--out', out];
      expect(await main(['visualize', ...argv])).toBe(1);
      expect(String(error.mock.calls.at(-1)?.[0])).toMatch(/^openbox visualize: .*NaN.*layer 'c1'/);
      expect(existsSync(out)).toBe(false);
    } finally {
      error.mockRestore();
    }
  });

  it('activations that overflow to Infinity: exit 1 naming the layer and channels, nothing written', async () => {
    const out = join(dir, 'out-overflow');
    const model = join(dir, 'overflow', 'model.json');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await expect(
        visualizeCommand.run(['--model', model, '--layer', 'c1', '--steps', '4', '--out', out]),
      ).rejects.toThrow(CommandError);
      error.mockClear();
      const argv = [
        '--model',
        model,
        '--layer',
        'c1:pre',
        '--channels',
        '2,4-5',
        '--steps',
        '4',
        '--out',
        out,
      ];
      expect(await main(['visualize', ...argv])).toBe(1);
      const message = String(error.mock.calls.at(-1)?.[0]);
      expect(message).toMatch(
        /^openbox visualize: layer 'c1:pre' channels 2,4-5 could not be rendered \(nothing was written\): .*non-finite/,
      );
      expect(message).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(out)).toBe(false);
    } finally {
      error.mockRestore();
      log.mockRestore();
    }
  });
});
