import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend, saveModel } from '@openbox/runtime';
import { UsageError } from '../command.js';
import { parseChannels, visualizeCommand } from './visualize.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-visualize-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A user's own small RGB conv net saved as model.json. */
beforeAll(async () => {
  await initBackend();
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
  await saveModel(model, join(dir, 'user'));
});

async function run(argv: string[]): Promise<number> {
  const spy = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    return await visualizeCommand.run(argv);
  } finally {
    spy.mockRestore();
  }
}

describe('openbox visualize', () => {
  it("writes one PNG per channel, a tiled PNG and curves.json for a user's model file", async () => {
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
      'curves.json',
    ]);
    const png = readFileSync(join(out, 'c1_pre-c2.png')); // PNG signature, then IHDR: width and height at bytes 16 and 20
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([112, 112]);
    const curves = JSON.parse(readFileSync(join(out, 'curves.json'), 'utf8'));
    expect(curves.units.map((u: { channel: number }) => u.channel)).toEqual([0, 2, 3]);
    expect(curves.curveSteps).toEqual([1, 8, 16]);
    for (const u of curves.units) expect(u.objective[2]).toBeGreaterThan(u.objective[0]);
  });
  it('visualizes class logits of the reference CNN when --model is left out', async () => {
    const out = join(dir, 'out-ref');
    expect(
      await run(['--layer', 'logits', '--channels', '0-9', '--steps', '24', '--seed', '3', '--out', out]),
    ).toBe(0);
    const curves = JSON.parse(readFileSync(join(out, 'curves.json'), 'utf8'));
    expect(curves.model).toMatch(/reference MNIST CNN/);
    expect(curves.units).toHaveLength(10);
    expect(readdirSync(out)).toContain('logits-c9.png');
  });
  it('rejects bad arguments with a UsageError naming what exists', async () => {
    const model = join(dir, 'user', 'model.json');
    await expect(run(['--model', model, '--out', dir])).rejects.toThrow(
      new UsageError('--layer is required.'),
    );
    await expect(run(['--model', model, '--layer', 'c9', '--out', dir])).rejects.toThrow(
      "openbox visualize --layer: unknown layer 'c9'. Layers in this model: c1, f, out (plus 'input' and 'logits').",
    );
    await expect(run(['--model', model, '--layer', 'c1', '--channels', '4-7', '--out', dir])).rejects.toThrow(
      "--channels 6, 7 out of range: layer 'c1' has channels 0..5.",
    );
    await expect(run(['--model', model, '--layer', 'c1', '--steps', '0', '--out', dir])).rejects.toThrow(
      "--steps must be an integer >= 1, got '0'.",
    );
    expect(() => parseChannels('3-1')).toThrow("--channels: range '3-1' runs backwards.");
    expect(parseChannels('0-2,5')).toEqual([0, 1, 2, 5]);
  });
});
