import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestOf } from '@openbox/runtime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  discardLrTemplatesCache,
  inspectLrTemplatesCache,
  writeLrTemplatesCache,
} from './lr-templates-cache.js';
import { LR_TEMPLATES_VERSION, loadLrTemplates, type LrTemplates } from './lr-templates.js';

/**
 * Templates of the right shape (the cache checks shape, finiteness and checksums, not the fit): a real fit takes
 * 43 s on 2 shared cores (measured), so the refit itself is not run here; `inspectLrTemplatesCache` and the discard are.
 */
const TEMPLATES: LrTemplates = {
  version: LR_TEMPLATES_VERSION,
  weights: Array.from({ length: 7840 }, (_, i) => ((i % 97) - 48) / 1000),
  intercepts: Array.from({ length: 10 }, (_, k) => k / 10),
  l2: 10,
  rows: 4000,
  varyingPixels: 700,
  iterations: 300,
  converged: true,
  gradientNorm: 0.0009,
};

let root: string;
let serial = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'openbox-lr-cache-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A cache root whose `models/mnist-lr` holds freshly written templates; returns both folders. */
function freshCache(): { cacheDir: string; dir: string } {
  const cacheDir = join(root, `root-${serial++}`);
  const dir = join(cacheDir, 'models', 'mnist-lr');
  writeLrTemplatesCache(dir, TEMPLATES);
  return { cacheDir, dir };
}
const templatesText = (dir: string) => readFileSync(join(dir, 'templates.json'), 'utf8');
const replace = (dir: string, file: string, make: (path: string) => void) => {
  rmSync(join(dir, file));
  make(join(dir, file));
};
/** Rewrites templates.json and its meta.json record, as a cache from a sound writer with bad content would be. */
function rewriteConsistently(dir: string, text: string): void {
  writeFileSync(join(dir, 'templates.json'), text);
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ files: { 'templates.json': digestOf(text) } }));
}

const DAMAGES: readonly (readonly [string, (dir: string) => void, string])[] = [
  [
    'truncated templates.json',
    (dir) => writeFileSync(join(dir, 'templates.json'), templatesText(dir).slice(0, 500)),
    'templates.json holds 500 bytes; meta.json records',
  ],
  [
    'one digit changed (same size)',
    (dir) => writeFileSync(join(dir, 'templates.json'), templatesText(dir).replace('0.048', '0.049')),
    'templates.json does not match the SHA-256 recorded in meta.json',
  ],
  [
    'templates.json replaced by a FIFO',
    (dir) => replace(dir, 'templates.json', (p) => execFileSync('mkfifo', [p])),
    'templates.json is a named pipe (FIFO), not a regular file',
  ],
  [
    'templates.json linked to /dev/zero',
    (dir) => replace(dir, 'templates.json', (p) => symlinkSync('/dev/zero', p)),
    'templates.json is a character device, not a regular file',
  ],
  ['templates.json missing', (dir) => rmSync(join(dir, 'templates.json')), 'templates.json is missing'],
  [
    'a corrupt meta.json',
    (dir) => writeFileSync(join(dir, 'meta.json'), '{"files": \u001b[2J'),
    'meta.json "<dir>/meta.json" is not valid JSON',
  ],
  [
    'meta.json replaced by a folder',
    (dir) => replace(dir, 'meta.json', (p) => mkdirSync(p)),
    'meta.json "<dir>/meta.json" is a folder, not a regular file',
  ],
  [
    'a meta.json without a files record',
    (dir) => writeFileSync(join(dir, 'meta.json'), '{"version": 2}'),
    "meta.json's files record is malformed or lacks templates.json",
  ],
  [
    'NaN-free but short weights, checksummed',
    (dir) => rewriteConsistently(dir, JSON.stringify({ ...TEMPLATES, weights: [1, 2, 3] })),
    'templates.json "<dir>/templates.json" does not hold 10 × 784 finite weights and 10 finite intercepts',
  ],
  [
    'a null weight (NaN once written as JSON), checksummed',
    (dir) =>
      rewriteConsistently(
        dir,
        JSON.stringify({ ...TEMPLATES, weights: [Number.NaN, ...TEMPLATES.weights.slice(1)] }),
      ),
    'does not hold 10 × 784 finite weights',
  ],
  [
    'a cache from before checksums whose templates.json is cut',
    (dir) => {
      rmSync(join(dir, 'meta.json'));
      writeFileSync(join(dir, 'templates.json'), templatesText(dir).slice(0, 500));
    },
    'templates.json "<dir>/templates.json" is not valid JSON',
  ],
];

describe('inspectLrTemplatesCache', () => {
  it('reads back what writeLrTemplatesCache wrote', () => {
    const { dir } = freshCache();
    expect(inspectLrTemplatesCache(dir, LR_TEMPLATES_VERSION)).toEqual({ kind: 'hit', templates: TEMPLATES });
    expect(JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'))).toEqual({
      files: { 'templates.json': digestOf(templatesText(dir)) },
    });
  });

  it.each(DAMAGES)('reports %s as damaged in one line naming the file, fast', (_, damage, phrase) => {
    const { dir } = freshCache();
    damage(dir);
    const started = performance.now();
    const state = inspectLrTemplatesCache(dir, LR_TEMPLATES_VERSION);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(state.kind).toBe('damaged');
    const reason = (state as { reason: string }).reason;
    expect(reason).toContain(phrase.replaceAll('<dir>', dir));
    expect(reason).not.toMatch(/[\n\r\u001b]/);
  });

  it('calls templates of another recipe version stale', () => {
    const { dir } = freshCache();
    expect(inspectLrTemplatesCache(dir, LR_TEMPLATES_VERSION + 1)).toEqual({ kind: 'stale' });
  });

  it('calls an empty or absent folder missing', () => {
    expect(inspectLrTemplatesCache(mkdtempSync(join(root, 'empty-')), 2)).toEqual({ kind: 'missing' });
    expect(inspectLrTemplatesCache(join(root, 'never-made'), 2)).toEqual({ kind: 'missing' });
  });

  it('adopts a sound cache from before checksums: it reads, and gains its meta.json', () => {
    const { dir } = freshCache();
    rmSync(join(dir, 'meta.json'));
    expect(inspectLrTemplatesCache(dir, LR_TEMPLATES_VERSION)).toEqual({ kind: 'hit', templates: TEMPLATES });
    expect(JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'))).toEqual({
      files: { 'templates.json': digestOf(templatesText(dir)) },
    });
  });
});

describe('discardLrTemplatesCache', () => {
  it('removes meta.json and templates.json, even when they are not regular files, and nothing else', () => {
    const { dir } = freshCache();
    replace(dir, 'meta.json', (p) => mkdirSync(p));
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    discardLrTemplatesCache(dir);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});

describe('loadLrTemplates', () => {
  it('returns a verified cache without fitting and without a word on stderr', () => {
    const { cacheDir } = freshCache();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const started = performance.now();
      expect(loadLrTemplates(cacheDir)).toEqual(TEMPLATES);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
