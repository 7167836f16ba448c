import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listRuns } from '@openbox/suite';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';
import { suiteArgs } from './suite.js';

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

  it('rejects a bad seed and unknown experiment ids with a usage error (exit 2)', async () => {
    expect(() => suiteArgs({ seed: '-1' })).toThrow("--seed must be a non-negative integer, got '-1'.");
    expect(() => suiteArgs({ only: 'laplacian-kernel,nope' })).toThrow(
      '--only names unknown experiment(s) nope; known: laplacian-kernel',
    );
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['suite', '--only', 'nope'])).toBe(2);
      expect(await main(['suite', '--bogus'])).toBe(2);
      expect(String(error.mock.calls.at(-1)?.[0])).toContain("Unknown option '--bogus'");
    } finally {
      error.mockRestore();
    }
  });
});
