import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listRuns, readExperimentResult, readManifest } from './read-results.js';
import { SuiteError } from './suite-error.js';

const RUN = '2026-01-01T00-00-00Z-seed0';
const manifest = {
  runId: RUN,
  createdAt: '2026-01-01T00:00:00.000Z',
  seed: 0,
  quick: true,
  backend: 'wasm',
  versions: {},
  totalMs: 1,
  experiments: [
    {
      id: 'a-b',
      title: 'T',
      claim: 'C.',
      status: 'ok',
      verdict: { status: 'holds', reason: 'r' },
      durationMs: 1,
    },
  ],
};
const result = {
  id: 'a-b',
  title: 'T',
  claim: 'C.',
  metrics: {},
  verdict: { status: 'holds', reason: 'r' },
  charts: [],
  artifacts: [],
};

describe('readManifest / readExperimentResult shape checks', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'openbox-read-'));
    mkdirSync(join(dir, RUN, 'a-b'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, value: unknown) => writeFileSync(join(dir, RUN, file), JSON.stringify(value));

  it('reads a well-formed run', () => {
    write('manifest.json', manifest);
    write('a-b/result.json', result);
    expect(readManifest(dir, RUN).experiments[0]?.id).toBe('a-b');
    expect(readExperimentResult(dir, RUN, 'a-b')?.verdict.status).toBe('holds');
    expect(listRuns(dir).map((m) => m.runId)).toEqual([RUN]);
  });

  it('rejects a manifest with a field of the wrong type or another runId, and skips it in listRuns', () => {
    write('manifest.json', { ...manifest, seed: 'zero' });
    expect(() => readManifest(dir, RUN)).toThrow(
      'is not a valid manifest (a field is missing or has the wrong type)',
    );
    write('manifest.json', { ...manifest, runId: '2026-02-02T00-00-00Z-seed0' });
    expect(() => readManifest(dir, RUN)).toThrow("its runId is '2026-02-02T00-00-00Z-seed0'");
    expect(listRuns(dir)).toEqual([]);
  });

  it('treats a result of another experiment or a bad verdict as absent', () => {
    write('a-b/result.json', { ...result, id: 'c-d' });
    expect(readExperimentResult(dir, RUN, 'a-b')).toBeUndefined();
    write('a-b/result.json', { ...result, verdict: { status: 'maybe', reason: 'r' } });
    expect(readExperimentResult(dir, RUN, 'a-b')).toBeUndefined();
  });

  it('reads verdict evidence, and treats a result whose evidence has a wrong or missing field as absent', () => {
    const evidence = {
      metric: 'm',
      trained: 0.5,
      controls: [{ label: 'seed 1', value: 0.1 }],
      requiredMargin: 0.2,
      margin: 0.4,
      higherIsBetter: true,
      holds: true,
    };
    write('a-b/result.json', { ...result, verdict: { status: 'holds', reason: 'r', evidence: [evidence] } });
    expect(readExperimentResult(dir, RUN, 'a-b')?.verdict.evidence).toEqual([evidence]);
    const bad: unknown[] = [
      { ...evidence, trained: null },
      { ...evidence, controls: [] },
      { ...evidence, controls: [{ label: 'seed 1' }] },
      { ...evidence, holds: 'yes' },
      { ...evidence, higherIsBetter: undefined },
      { ...evidence, requiredMargin: 'x' },
    ];
    for (const e of [...bad, 'not an object']) {
      write('a-b/result.json', { ...result, verdict: { status: 'holds', reason: 'r', evidence: [e] } });
      expect(readExperimentResult(dir, RUN, 'a-b'), JSON.stringify(e)).toBeUndefined();
    }
    write('a-b/result.json', { ...result, verdict: { status: 'holds', reason: 'r', evidence: evidence } });
    expect(readExperimentResult(dir, RUN, 'a-b')).toBeUndefined();
  });

  it('names a manifest that is not JSON without quoting it, and refuses a result that is not a regular file', () => {
    writeFileSync(join(dir, RUN, 'manifest.json'), '\u001b[31m{not json');
    expect(() => readManifest(dir, RUN)).toThrow(
      `readManifest: "${join(dir, RUN, 'manifest.json')}" is not a valid manifest (it is not valid JSON).`,
    );
    expect(listRuns(dir)).toEqual([]);
    execFileSync('mkfifo', [join(dir, RUN, 'a-b', 'result.json')]);
    let error: unknown;
    try {
      readExperimentResult(dir, RUN, 'a-b');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SuiteError);
    expect((error as SuiteError).code).toBe('unreadable-file');
    expect((error as SuiteError).message).toContain('is a named pipe (FIFO), not a regular file');
  });
});
