/**
 * `visualize` and `examples` on a GraphModel (the functional RGB 64×64 BatchNorm net converted as
 * tensorflowjs_converter would, sharded) give what they give on the same net as a LayersModel.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makePatternImages, writeImageFolder } from '@openbox/datasets';
import { initBackend, saveModel } from '@openbox/runtime';
// @openbox/testing is not a dependency of the CLI (no install in this change): its sources, by path.
import { functionalRgbNet, saveGraphModel, toGraphModelArtifacts } from '@openbox/testing';
import { main } from '../main.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-visualize-graph-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LAYERS = join(dir, 'layers', 'model.json');
const GRAPH = join(dir, 'graph', 'model.json');
const IMAGES = join(dir, 'images');
/** The graph node of a layer, as the converter names it. */
const node = (layer: string, op: string) => `StatefulPartitionedCall/functional_rgb_net/${layer}/${op}`;

beforeAll(async () => {
  await initBackend();
  const net = functionalRgbNet({ size: 64, seed: 7 });
  await saveModel(net, join(dir, 'layers'));
  await saveGraphModel(toGraphModelArtifacts(net), join(dir, 'graph'), { shardBytes: 4096 });
  net.dispose();
  await writeImageFolder(IMAGES, makePatternImages({ n: 8, size: 48, seed: 2, channels: 3 }));
});

/** `openbox <argv>` quietly; the JSON file it wrote. */
async function run<T>(argv: string[], out: string, file: string): Promise<T> {
  const quiet = [vi.spyOn(console, 'log'), vi.spyOn(console, 'error')].map((s) =>
    s.mockImplementation(() => undefined),
  );
  try {
    expect(await main([...argv, '--out', out])).toBe(0);
  } finally {
    quiet.forEach((s) => s.mockRestore());
  }
  return JSON.parse(readFileSync(join(out, file), 'utf8')) as T;
}

interface Visualized {
  modelKind: string;
  units: { final: number; objective: number[] }[];
}

/** Float32 forward and backward passes through differently fused ops: agreement to 1e-3 of the value's scale. */
const close = (a: readonly number[], b: readonly number[]) =>
  a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(b[i]!))));

describe('a graph model in visualize and examples', () => {
  it.each([
    [
      'channel of a merge node',
      ['--layer', node('block2/concat', 'concat'), '--channels', '0,9'],
      ['--layer', 'block2/concat', '--channels', '0,9'],
    ],
    [
      'logit with the standard transforms',
      ['--objective', 'logit', '--channels', '0-1'],
      ['--objective', 'logit', '--channels', '0-1'],
    ],
    [
      'deepDream of a conv after BatchNorm, minus --tv',
      ['--layer', node('block3/conv', 'Relu'), '--objective', 'layer', '--tv', '0.01'],
      ['--layer', 'block3/conv', '--objective', 'layer', '--tv', '0.01'],
    ],
  ])('visualize: %s', async (name, graphArgs, layersArgs) => {
    const common = [
      'visualize',
      '--steps',
      '6',
      '--seed',
      '3',
      '--transforms',
      name.includes('standard') ? 'standard' : 'none',
    ];
    const slug = name.replace(/[^a-z]+/g, '_');
    const graph = await run<Visualized>(
      [...common, '--model', GRAPH, ...graphArgs],
      join(dir, `g-${slug}`),
      'result.json',
    );
    const layers = await run<Visualized>(
      [...common, '--model', LAYERS, ...layersArgs],
      join(dir, `l-${slug}`),
      'result.json',
    );
    expect([graph.modelKind, layers.modelKind]).toEqual(['graph', 'layers']);
    if (slug.startsWith('channel'))
      expect(readdirSync(join(dir, `l-${slug}`))).toContain('block2_concat-c9.png');
    close(
      graph.units.map((u) => u.final),
      layers.units.map((u) => u.final),
    );
    close(
      graph.units.flatMap((u) => u.objective),
      layers.units.flatMap((u) => u.objective),
    );
  });

  it('examples: the same top images, activations and receptive-field boxes on a conv after the merge', async () => {
    type Examples = {
      channels: { examples: { file: string; activation: number; box: unknown; position: unknown }[] }[];
    };
    const args = ['--channels', '0,5', '--k', '2', '--images', IMAGES];
    const graph = await run<Examples>(
      ['examples', '--model', GRAPH, '--layer', node('block3/conv', 'Relu'), ...args],
      join(dir, 'g-spatial'),
      'examples.json',
    );
    const layers = await run<Examples>(
      ['examples', '--model', LAYERS, '--layer', 'block3/conv', ...args],
      join(dir, 'l-spatial'),
      'examples.json',
    );
    const flat = (e: Examples) => e.channels.flatMap((c) => c.examples);
    expect(flat(layers).every((e) => e.box !== undefined)).toBe(true);
    expect(flat(graph).map((e) => [e.file, e.position, e.box])).toEqual(
      flat(layers).map((e) => [e.file, e.position, e.box]),
    );
    close(
      flat(graph).map((e) => e.activation),
      flat(layers).map((e) => e.activation),
    );
  });

  it('examples: the same top images and activations on a pooled layer', async () => {
    type Examples = { channels: { examples: { index: number; activation: number; file: string }[] }[] };
    const args = ['--channels', '0-3', '--k', '3', '--images', IMAGES];
    const graph = await run<Examples>(
      ['examples', '--model', GRAPH, '--layer', node('head/gap', 'Mean'), ...args],
      join(dir, 'g-examples'),
      'examples.json',
    );
    const layers = await run<Examples>(
      ['examples', '--model', LAYERS, '--layer', 'head/gap', ...args],
      join(dir, 'l-examples'),
      'examples.json',
    );
    const flat = (e: Examples) => e.channels.flatMap((c) => c.examples);
    expect(flat(graph).map((e) => e.file)).toEqual(flat(layers).map((e) => e.file));
    close(
      flat(graph).map((e) => e.activation),
      flat(layers).map((e) => e.activation),
    );
  });
});
