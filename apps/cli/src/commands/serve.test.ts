import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFixtureRun } from '@openbox/dashboard/fixtures';
import { describe, expect, it, vi } from 'vitest';
import { runServe, serveArgs } from './serve.js';

describe('openbox serve', () => {
  it('serves the results folder, prints the URL, and stops when aborted', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-serve-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const { runId } = await writeFixtureRun(dir);
      const stop = new AbortController();
      const running = runServe(serveArgs({ results: dir, port: '0' }), stop.signal);
      await vi.waitFor(() => expect(log).toHaveBeenCalled());
      const url = /http:\/\/\S+/.exec(String(log.mock.calls[0]?.[0]))?.[0] ?? '';
      const runs = (await (await fetch(new URL('api/runs', url))).json()) as { runs: { runId: string }[] };
      expect(runs.runs.map((r) => r.runId)).toEqual([runId]);
      stop.abort();
      await running;
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      log.mockRestore();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a bad port with a usage error', () => {
    expect(() => serveArgs({ port: '99999' })).toThrow(
      "--port must be an integer in [0, 65535], got '99999'.",
    );
    expect(() => serveArgs({ port: 'abc' })).toThrow('--port must be an integer');
    expect(serveArgs({})).toEqual({ results: 'results', port: 8787, host: '127.0.0.1' });
  });
});
