import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDashboardApp, liveMethodsFor, referenceLive } from '@openbox/dashboard';
import type { LiveDigitReply } from '@openbox/dashboard';
import { writeFixtureRun } from '@openbox/dashboard/fixtures';
import { makePatternImages, writeImageFolder } from '@openbox/datasets';
import { initBackend, saveModel } from '@openbox/runtime';
import { describe, expect, it, vi } from 'vitest';
// @openbox/testing is not a dependency of the CLI (no install in this change): its sources, by path.
import { functionalRgbNet, saveGraphModel, toGraphModelArtifacts } from '@openbox/testing';
import { parseOptions } from '../args.js';
import { loadUserLive } from '../attribute/user-live.js';
import { UsageError } from '../errors.js';
import { main } from '../main.js';
import { loadLiveOrOff, runServe, SERVE_OPTIONS } from './serve.js';

/** Serves `dir` on a free port until the returned `stop` is called; `url` is the dashboard's. */
async function serveFixture(dir: string, live?: Awaited<ReturnType<typeof loadLiveOrOff>>) {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const stop = new AbortController();
  const running = runServe(parseOptions(SERVE_OPTIONS, ['--results', dir, '--port', '0']), stop.signal, live);
  await vi.waitFor(() => expect(log).toHaveBeenCalled());
  const url = /http:\/\/\S+/.exec(String(log.mock.calls[0]?.[0]))?.[0] ?? '';
  log.mockRestore();
  return {
    url,
    async stop() {
      stop.abort();
      await running;
    },
  };
}

describe('openbox serve', () => {
  it('serves the results folder, prints the URL, and stops when aborted', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-serve-'));
    try {
      const { runId } = await writeFixtureRun(dir);
      const server = await serveFixture(dir);
      const runs = (await (await fetch(new URL('api/runs', server.url))).json()) as {
        runs: { runId: string }[];
      };
      expect(runs.runs.map((r) => r.runId)).toEqual([runId]);
      await server.stop();
      await expect(fetch(server.url)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a live model that cannot load turns live off with one line on stderr; the dashboard still serves', async () => {
    // The reference live model loads in a worker whose backend is forced to one that does not exist: a real
    // load failure that fails at once (a damaged cache is retrained instead, which takes minutes).
    const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-serve-live-'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const backend = process.env.OPENBOX_BACKEND;
    try {
      process.env.OPENBOX_BACKEND = 'no-such-backend';
      const live = await loadLiveOrOff(() => referenceLive(path.join(dir, 'cache')));
      if (backend === undefined) delete process.env.OPENBOX_BACKEND;
      else process.env.OPENBOX_BACKEND = backend;
      expect(live).toBeUndefined();
      expect(error).toHaveBeenCalledTimes(1);
      const line = String(error.mock.calls[0]?.[0]);
      expect(line).toMatch(/^live model off: .*no-such-backend/);
      expect(line).not.toContain('\n');
      const results = path.join(dir, 'results');
      await writeFixtureRun(results);
      const server = await serveFixture(results, live);
      expect((await fetch(new URL('api/runs', server.url))).status).toBe(200);
      await server.stop();
    } finally {
      if (backend === undefined) delete process.env.OPENBOX_BACKEND;
      else process.env.OPENBOX_BACKEND = backend;
      error.mockRestore();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loadLiveOrOff passes a loaded live model through and prints nothing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const live = { predict: async () => ({ probabilities: [], layers: [], lrScores: [] }) };
      expect(await loadLiveOrOff(async () => live as never)).toBe(live);
      expect(error).not.toHaveBeenCalled();
    } finally {
      error.mockRestore();
    }
  });

  it('options: defaults, and a bad port is a usage error', () => {
    expect(parseOptions(SERVE_OPTIONS, [])).toEqual({
      results: 'results',
      port: 8787,
      host: '127.0.0.1',
      noLive: false,
    });
    expect(() => parseOptions(SERVE_OPTIONS, ['--port', '99999'])).toThrow(
      new UsageError('invalid-value', "--port must be an integer from 0 to 65535, got '99999'.", 'port'),
    );
    expect(() => parseOptions(SERVE_OPTIONS, ['--port', 'abc'])).toThrow(
      "--port must be an integer from 0 to 65535, got 'abc'.",
    );
    expect(() => parseOptions(SERVE_OPTIONS, ['--host', ''])).toThrow(
      "--host must be a non-empty string, got ''.",
    );
  });
});

describe('openbox serve --model M --images DIR', () => {
  it.each<[string, string[], string]>([
    [
      '--model alone',
      ['--model', 'm.json'],
      '--model and --images go together (the live page runs your model on your images), got only --model.',
    ],
    [
      '--images alone',
      ['--images', 'photos'],
      '--model and --images go together (the live page runs your model on your images), got only --images.',
    ],
    [
      'with --no-live',
      ['--model', 'm.json', '--images', 'photos', '--no-live'],
      '--no-live turns the live page off; drop it to serve --model with --images.',
    ],
  ])('%s: exit 2 with the message', async (_, argv, message) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['serve', ...argv])).toBe(2);
      expect(String(error.mock.calls[0]?.[0]).split('\n')[0]).toBe(`openbox serve: ${message}`);
    } finally {
      error.mockRestore();
    }
  });

  it('the live page runs the user model in its worker on the folder: class names, files, 64×64 maps', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-serve-user-'));
    await initBackend();
    const model = functionalRgbNet({ size: 64, seed: 2 });
    await saveModel(model, path.join(dir, 'model'));
    await saveGraphModel(toGraphModelArtifacts(model), path.join(dir, 'graph'));
    model.dispose();
    await writeImageFolder(
      path.join(dir, 'images'),
      makePatternImages({ n: 6, size: 48, seed: 0, channels: 3 }),
    );
    const live = await loadUserLive({
      model: path.join(dir, 'model', 'model.json'),
      images: path.join(dir, 'images'),
      scale: 'imagenet',
      fit: 'resize',
    });
    try {
      const app = createDashboardApp({ resultsDir: dir, live });
      const info = await (await app.request('/api/live/info')).json();
      expect(info.digits).toBe(6);
      expect(info.model.inputShape).toEqual([64, 64, 3]);
      expect(info.model.classNames).toEqual(['horizontal', 'vertical']);
      expect(info.model.lrTemplates).toBe(false);
      expect(info.model.description).toMatch(/layers model; pixels\/255, then \(x − mean\) \/ std/);
      const res = await app.request('/api/live/digit', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ index: 5, method: 'saliency' }),
      });
      expect(res.status).toBe(200);
      const reply = (await res.json()) as LiveDigitReply;
      expect(reply.file).toMatch(/^(horizontal|vertical)\/.+\.png$/);
      expect(reply.label).toBe(reply.file!.startsWith('vertical') ? 1 : 0);
      expect(reply.pixels).toHaveLength(64 * 64 * 3);
      // The page shows the pictures in [0, 1]; the worker applied --scale imagenet before the model.
      expect(Math.min(...reply.pixels)).toBeGreaterThanOrEqual(0);
      expect(reply.attribution!.values).toHaveLength(64 * 64);
      expect(reply.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      // The same net as a graph model: the same probabilities; no method that needs a LayersModel is offered.
      const graph = await loadUserLive({
        model: path.join(dir, 'graph', 'model.json'),
        images: path.join(dir, 'images'),
        scale: 'imagenet',
        fit: 'resize',
      });
      try {
        const graphApp = createDashboardApp({ resultsDir: dir, live: graph });
        const graphInfo = await (await graphApp.request('/api/live/info')).json();
        expect(graphInfo.methods).toEqual(liveMethodsFor('graph'));
        expect(graphInfo.methods).not.toContain('deeplift');
        const other = await graphApp.request('/api/live/digit', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ index: 5 }),
        });
        const p = ((await other.json()) as LiveDigitReply).probabilities;
        p.forEach((q, k) => expect(q).toBeCloseTo(reply.probabilities[k]!, 5));
      } finally {
        await graph.close();
      }
    } finally {
      await live.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
