/**
 * Each visualize option maps onto the cnn-vis value it names: the command's result.json must hold exactly the
 * objective name and the final values that `renderUnits` gives for the library objective, options and seed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  blur,
  channel,
  classLogit,
  compose,
  deepDream,
  direction,
  diversity,
  jitter,
  l1,
  l2,
  lucidParam,
  neuron,
  pad,
  pixelParam,
  randomRotate,
  randomScale,
  renderUnits,
  scale,
  sigmoidRange,
  standardTransforms,
  sum,
  totalVariation,
  type Objective,
  type RenderOptions,
} from '@openbox/cnn-vis';
import { IMAGENET_MEAN, IMAGENET_STD } from '@openbox/datasets';
import { ModelAdapter, initBackend, loadModel } from '@openbox/runtime';
import { visualizeCommand } from '../commands/visualize.js';
import { standardizedParam } from './standardized-param.js';
import { saveTinyConvNets } from './test-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-visualize-mapping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let modelPath = '';
let adapter: ModelAdapter;
const VECTOR = [1, -0.5, 0, 2, 0.25, -1];

beforeAll(async () => {
  await initBackend();
  modelPath = (await saveTinyConvNets(dir)).rgb;
  adapter = new ModelAdapter(await loadModel(modelPath));
  writeFileSync(join(dir, 'direction.json'), JSON.stringify({ vector: VECTOR }));
});

interface Result {
  jobs: { objective: string; batchSize: number }[];
  units: { final: number; unitValue: number; objective: number[] }[];
}

/** Runs `openbox visualize` quietly on the RGB tiny net and returns its result.json. */
async function visualize(name: string, extra: string[], steps = 8): Promise<Result> {
  const out = join(dir, name);
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(
      await visualizeCommand.run([
        '--model',
        modelPath,
        '--steps',
        '8',
        '--seed',
        '5',
        '--out',
        out,
        ...extra,
      ]),
    ).toBe(0);
  } finally {
    [log, error, write].forEach((s) => s.mockRestore());
  }
  return JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as Result;
}

const STEPS = { steps: 8, seed: 5 } as const;
const PIXEL = sigmoidRange(pixelParam(), { range: [0, 1] });

const CASES: readonly { name: string; argv: string[]; objective: () => Objective; options: RenderOptions }[] =
  [
    {
      name: 'logit, --transforms none = transforms: null',
      argv: ['--objective', 'logit', '--channels', '0-2', '--transforms', 'none'],
      objective: () => classLogit([0, 1, 2]),
      options: { transforms: null },
    },
    {
      name: '--transforms standard (the default) = the library default',
      argv: ['--layer', 'c1', '--channels', '0-1'],
      objective: () => channel('c1', [0, 1]),
      options: {},
    },
    {
      name: 'channel minus --l2 and --tv, --param pixel --no-decorrelate',
      argv: [
        '--layer',
        'c1',
        '--channels',
        '1,4',
        '--l2',
        '0.5',
        '--tv',
        '0.1',
        '--transforms',
        'none',
        '--param',
        'pixel',
        '--no-decorrelate',
      ],
      objective: () => sum(channel('c1', [1, 4]), scale(-0.5, l2()), scale(-0.1, totalVariation())),
      options: { transforms: null, param: PIXEL },
    },
    {
      name: 'neuron at --position, custom transform items, --lr',
      argv: [
        '--layer',
        'c2',
        '--objective',
        'neuron',
        '--position',
        '2,1',
        '--channels',
        '0,3',
        '--transforms',
        'pad:1,jitter:1,scale:0.9-1.1,rotate:5',
        '--lr',
        '0.1',
      ],
      objective: () => neuron('c2', [0, 3], { x: 2, y: 1 }),
      options: {
        transforms: compose(
          pad({ size: 1, value: 0.5 }),
          jitter({ pixels: 1 }),
          randomScale({ scales: [0.9, 1.1] }),
          randomRotate({ degrees: 5 }),
        ),
        learningRate: 0.1,
      },
    },
    {
      name: 'layer (DeepDream) with --batch 2, minus --l1 and --blur',
      argv: ['--layer', 'c1', '--objective', 'layer', '--batch', '2', '--l1', '0.01', '--blur', '0.5'],
      objective: () => sum(deepDream('c1'), scale(-0.01, l1()), scale(-0.5, blur())),
      options: { batchSize: 2 },
    },
    {
      name: 'direction from {"vector": [...]}',
      argv: [
        '--layer',
        'c1',
        '--objective',
        'direction',
        '--direction',
        join(dir, 'direction.json'),
        '--transforms',
        'none',
      ],
      objective: () => direction('c1', VECTOR),
      options: { transforms: null, batchSize: 1 },
    },
    {
      name: '--diversity 0.5 --batch 3 on one channel',
      argv: [
        '--layer',
        'c1',
        '--channels',
        '2',
        '--diversity',
        '0.5',
        '--batch',
        '3',
        '--transforms',
        'none',
      ],
      objective: () => sum(channel('c1', 2), scale(0.5, diversity('c1'))),
      options: { transforms: null, batchSize: 3 },
    },
  ];

describe('openbox visualize maps each option onto cnn-vis', () => {
  it.each(CASES)('$name', async ({ name, argv, objective, options }) => {
    const result = await visualize(name.replace(/[^a-z0-9]+/gi, '_'), argv);
    const expected = renderUnits(adapter, objective(), { ...STEPS, ...options });
    expect(result.jobs).toHaveLength(1);
    expect(result.jobs[0]!.objective).toBe(expected.objective);
    expect(result.units.map((u) => u.final)).toEqual(Array.from(expected.finalValues));
    expect(result.units.map((u) => u.objective)).toEqual(expected.curve.map((c) => Array.from(c)));
  });

  it('a logit run raises that logit, and the unit value is the logit alone', async () => {
    const result = await visualize(
      'logit-raises',
      ['--objective', 'logit', '--channels', '1', '--transforms', 'none', '--l2', '0.01'],
      32,
    );
    const [u] = result.units;
    expect(u!.unitValue).toBeGreaterThan(u!.objective[0]!); // curve[0]: the objective at the start
    expect(u!.unitValue).toBeGreaterThan(u!.final); // minus the L2 penalty (> 0) is below the logit alone
  });
});
