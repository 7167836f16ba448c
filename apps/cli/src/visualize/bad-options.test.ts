/** Bad visualize options: each refused with its exact message, as a usage error (exit 2) or a bad file (exit 1). */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend } from '@openbox/runtime';
import { visualizeCommand } from '../commands/visualize.js';
import { CommandError, UsageError } from '../errors.js';
import { saveTinyConvNets } from './test-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-visualize-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const models = { rgb: '', grey: '' };
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  await initBackend();
  Object.assign(models, await saveTinyConvNets(dir));
  writeFileSync(file('short.json'), '[1, 2, 3]');
  writeFileSync(file('nan.json'), '[1, NaN, 0, 0, 0, 0]');
  writeFileSync(file('inf.json'), '[1, 1e999, 0, 0, 0, 0]');
  writeFileSync(file('null.json'), '{"vector": [1, 0, null, 0, 0, 0]}');
  writeFileSync(file('object.json'), '{"direction": [1, 0, 0, 0, 0, 0]}');
  writeFileSync(file('zeros.json'), '[0, 0, 0, 0, 0, 0]');
});

const W = 'write standard, none, or items like pad:12,jitter:8,scale:0.9-1.1,rotate:10.';

/** [name, extra argv, model, error class, exact message]. */
const CASES: readonly [
  string,
  string[],
  'rgb' | 'grey',
  typeof UsageError | typeof CommandError,
  string | RegExp,
][] = [
  [
    'unknown objective',
    ['--layer', 'c1', '--objective', 'dream'],
    'rgb',
    UsageError,
    "--objective must be one of channel, neuron, layer, logit, direction, got 'dream'.",
  ],
  [
    'logit on another layer',
    ['--layer', 'c1', '--objective', 'logit'],
    'rgb',
    UsageError,
    "--objective logit maximizes a class logit and reads the layer 'logits', got --layer 'c1'; leave --layer out or use --objective channel.",
  ],
  [
    'no layer',
    ['--objective', 'channel'],
    'rgb',
    UsageError,
    '--layer NAME is required (unless --objective logit).',
  ],
  [
    '--position without neuron',
    ['--layer', 'c1', '--position', '1,1'],
    'rgb',
    UsageError,
    '--position applies only to --objective neuron, got --objective channel.',
  ],
  [
    '--position not a pair',
    ['--layer', 'c1', '--objective', 'neuron', '--position', '1'],
    'rgb',
    UsageError,
    "--position must be two whole numbers X,Y (column, row in the layer), got '1'.",
  ],
  [
    '--position outside the layer',
    ['--layer', 'c1', '--objective', 'neuron', '--position', '14,0', '--channels', '0'],
    'rgb',
    UsageError,
    "neuron: position (x=14, y=0) is outside layer 'c1', whose positions are x 0..13, y 0..13.",
  ],
  [
    '--channels with the whole layer',
    ['--layer', 'c1', '--objective', 'layer', '--channels', '0'],
    'rgb',
    UsageError,
    '--channels does not apply to --objective layer, which optimizes the whole layer; leave it out (use --batch N for N images).',
  ],
  [
    'direction without a file',
    ['--layer', 'c1', '--objective', 'direction'],
    'rgb',
    UsageError,
    '--objective direction needs --direction FILE (a JSON array, one number per channel).',
  ],
  [
    '--direction with another objective',
    ['--layer', 'c1', '--direction', file('short.json')],
    'rgb',
    UsageError,
    '--direction applies only to --objective direction, got --objective channel.',
  ],
  [
    'direction of the wrong length',
    ['--layer', 'c1', '--objective', 'direction', '--direction', file('short.json')],
    'rgb',
    CommandError,
    `--direction '${file('short.json')}' holds 3 numbers, but layer 'c1' has 6 channels; give one number per channel.`,
  ],
  [
    'direction with NaN (not JSON)',
    ['--layer', 'c1', '--objective', 'direction', '--direction', file('nan.json')],
    'rgb',
    CommandError,
    new RegExp(
      `^--direction '${file('nan.json')}' is not JSON \\(.+\\); write a JSON array with one finite number per channel of the layer, or \\{"vector": \\[\\.\\.\\.\\]\\}\\.$`,
    ),
  ],
  [
    'direction with 1e999',
    ['--layer', 'c1', '--objective', 'direction', '--direction', file('inf.json')],
    'rgb',
    CommandError,
    `--direction '${file('inf.json')}': entry 1 must be a finite number, got Infinity.`,
  ],
  [
    'direction with null',
    ['--layer', 'c1', '--objective', 'direction', '--direction', file('null.json')],
    'rgb',
    CommandError,
    `--direction '${file('null.json')}': entry 2 must be a finite number, got null.`,
  ],
  [
    'direction object without vector',
    ['--layer', 'c1', '--objective', 'direction', '--direction', file('object.json')],
    'rgb',
    CommandError,
    `--direction '${file('object.json')}' is not an array of numbers; write a JSON array with one finite number per channel of the layer, or {"vector": [...]}.`,
  ],
  [
    'direction of zeros',
    ['--layer', 'c1', '--objective', 'direction', '--direction', file('zeros.json')],
    'rgb',
    CommandError,
    `--direction '${file('zeros.json')}' is all zeros, which has no direction; write a JSON array with one finite number per channel of the layer, or {"vector": [...]}.`,
  ],
  [
    'missing direction file',
    ['--layer', 'c1', '--objective', 'direction', '--direction', file('none.json')],
    'rgb',
    CommandError,
    /none\.json/,
  ],
  [
    '--decorrelate on a grey model',
    ['--layer', 'c1', '--decorrelate'],
    'grey',
    UsageError,
    "--decorrelate works on RGB images (ImageNet's colour correlation), but this model takes 1 channel; leave it out.",
  ],
  [
    'both decorrelate flags',
    ['--layer', 'c1', '--decorrelate', '--no-decorrelate'],
    'rgb',
    UsageError,
    'give at most one of --decorrelate and --no-decorrelate, got both.',
  ],
  [
    'unknown param',
    ['--layer', 'c1', '--param', 'cppn'],
    'rgb',
    UsageError,
    "--param must be one of pixel, fourier, got 'cppn'.",
  ],
  [
    'transform without a value',
    ['--layer', 'c1', '--transforms', 'pad'],
    'rgb',
    UsageError,
    `--transforms item 'pad' needs a value (pad:VALUE); ${W}`,
  ],
  [
    'unknown transform',
    ['--layer', 'c1', '--transforms', 'pad:2,blur:3'],
    'rgb',
    UsageError,
    "--transforms: unknown transform 'blur'; known: pad, jitter, scale, rotate (as name:value), or the whole value standard or none.",
  ],
  [
    'negative jitter',
    ['--layer', 'c1', '--transforms', 'jitter:-1'],
    'rgb',
    UsageError,
    `--transforms item 'jitter:-1' takes whole pixels from 0 to 256; ${W}`,
  ],
  [
    'fractional pad',
    ['--layer', 'c1', '--transforms', 'pad:1.5'],
    'rgb',
    UsageError,
    `--transforms item 'pad:1.5' takes whole pixels from 0 to 256; ${W}`,
  ],
  [
    'scale backwards',
    ['--layer', 'c1', '--transforms', 'scale:1.1-0.9'],
    'rgb',
    UsageError,
    `--transforms item 'scale:1.1-0.9' runs backwards; write it low-high; ${W}`,
  ],
  [
    'scale out of bounds',
    ['--layer', 'c1', '--transforms', 'scale:0-2'],
    'rgb',
    UsageError,
    `--transforms item 'scale:0-2' takes zoom factors from 0.1 to 10, as scale:0.9-1.1 or scale:1.2; ${W}`,
  ],
  [
    'rotate too far',
    ['--layer', 'c1', '--transforms', 'rotate:270'],
    'rgb',
    UsageError,
    `--transforms item 'rotate:270' takes degrees from 0 to 180 (drawn in ±D); ${W}`,
  ],
  [
    'empty transform item',
    ['--layer', 'c1', '--transforms', 'pad:1,,jitter:1'],
    'rgb',
    UsageError,
    "--transforms must be a comma-separated list with no empty items, got 'pad:1,,jitter:1'.",
  ],
  [
    'jitters crop the image away',
    ['--layer', 'c1', '--transforms', 'jitter:10,jitter:10'],
    'rgb',
    UsageError,
    '--transforms: the jitters crop more than the pads add, so nothing of the 16×16 input would be left; use smaller jitter items.',
  ],
  [
    'negative --l2',
    ['--layer', 'c1', '--l2', '-1'],
    'rgb',
    UsageError,
    "--l2 must be a number from 0 to 1e6, got '-1'.",
  ],
  [
    'negative --tv',
    ['--layer', 'c1', '--tv', '-0.5'],
    'rgb',
    UsageError,
    "--tv must be a number from 0 to 1e6, got '-0.5'.",
  ],
  [
    'NaN --blur',
    ['--layer', 'c1', '--blur', 'NaN'],
    'rgb',
    UsageError,
    "--blur must be a number from 0 to 1e6, got 'NaN'.",
  ],
  [
    'negative --diversity',
    ['--layer', 'c1', '--diversity', '-1'],
    'rgb',
    UsageError,
    "--diversity must be a number from 0 to 1e6, got '-1'.",
  ],
  [
    'zero --lr',
    ['--layer', 'c1', '--lr', '0'],
    'rgb',
    UsageError,
    "--lr must be a number from 0.000001 to 10, got '0'.",
  ],
  [
    'diversity with --batch 1',
    ['--layer', 'c1', '--diversity', '0.5', '--batch', '1'],
    'rgb',
    UsageError,
    "--diversity pushes the batch's images apart and needs --batch 2 or more (images per unit), got --batch 1.",
  ],
  [
    '--diversity-layer without --diversity',
    ['--layer', 'c1', '--diversity-layer', 'c1'],
    'rgb',
    UsageError,
    '--diversity-layer applies only with --diversity W (W > 0).',
  ],
  [
    'unknown --diversity-layer',
    ['--layer', 'c2', '--diversity', '1', '--diversity-layer', 'c9'],
    'rgb',
    UsageError,
    /^openbox visualize --diversity-layer: unknown layer 'c9'\. Layers in this model: c1, p1, c2, f, out/,
  ],
  [
    '--batch 0',
    ['--layer', 'c1', '--batch', '0'],
    'rgb',
    UsageError,
    "--batch must be an integer from 1 to 64, got '0'.",
  ],
];

describe('openbox visualize: bad options', () => {
  it.each(CASES)('%s', async (name, extra, model, type, message) => {
    const out = join(dir, 'out', name.replace(/[^a-z0-9]+/gi, '_'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const thrown = await visualizeCommand
        .run(['--model', models[model], '--steps', '2', '--out', out, ...extra])
        .catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(type);
      if (typeof message === 'string') expect((thrown as Error).message).toBe(message);
      else expect((thrown as Error).message).toMatch(message);
      expect(existsSync(out)).toBe(false);
    } finally {
      error.mockRestore();
      write.mockRestore();
    }
  });
});
