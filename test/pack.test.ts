/** Every library package packs with `pnpm pack`, installs outside the monorepo and runs from plain Node. */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Each library package, its folder, and a script that imports it and calls one function, printing JSON. */
const LIBRARIES = {
  '@openbox/runtime': {
    dir: 'packages/runtime',
    script: `import { createRng, initBackend } from '@openbox/runtime';
const report = await initBackend({ backend: 'wasm' });
console.log(JSON.stringify({ chosen: report.chosen, u: createRng(1).next() }));`,
    check: (out: Record<string, unknown>) => {
      expect(out['chosen']).toBe('wasm');
      expect(out['u']).toBeGreaterThanOrEqual(0);
    },
  },
  '@openbox/safe-io': {
    dir: 'packages/safe-io',
    script: `import { readRegularFile, SafeIoError, escapeForMessage } from '@openbox/safe-io';
const code = await readRegularFile('/dev/zero', { maxBytes: 16 }).then(() => 'read', (e) => e instanceof SafeIoError ? e.code : 'other');
console.log(JSON.stringify({ code, escaped: escapeForMessage('a\\u001bb') }));`,
    check: (out: Record<string, unknown>) =>
      expect(out).toEqual({ code: 'not-a-regular-file', escaped: 'a\\x1bb' }),
  },
  '@openbox/datasets': {
    dir: 'datasets',
    script: `import { loadIris } from '@openbox/datasets';
const iris = loadIris();
console.log(JSON.stringify({ shape: iris.shape, classes: iris.classNames.length }));`,
    check: (out: Record<string, unknown>) => expect(out).toEqual({ shape: [150, 4], classes: 3 }),
  },
  '@openbox/logistic': {
    dir: 'packages/logistic',
    script: `import { fitExactLogistic } from '@openbox/logistic';
// One binary feature: the MLE is the logit of each group's rate (2/4 at x = 0, 3/4 at x = 1).
const fit = fitExactLogistic({ features: [0, 0, 0, 0, 1, 1, 1, 1], shape: [8, 1], target: [1, 1, 0, 0, 1, 1, 1, 0] });
console.log(JSON.stringify({ intercept: fit.intercept, slope: fit.coefficients[0] }));`,
    check: (out: Record<string, unknown>) => {
      expect(out['intercept'] as number).toBeCloseTo(0, 8);
      expect(out['slope'] as number).toBeCloseTo(Math.log(3), 8);
    },
  },
  '@openbox/cnn-vis': {
    dir: 'packages/cnn-vis',
    script: `import { LAPLACIAN_KERNEL, pearson } from '@openbox/cnn-vis';
console.log(JSON.stringify({ centre: LAPLACIAN_KERNEL[1][1], r: pearson([1, 2, 3], [2, 4, 6]) }));`,
    check: (out: Record<string, unknown>) => {
      expect(out['centre']).toBe(-4);
      expect(out['r'] as number).toBeCloseTo(1, 12);
    },
  },
  '@openbox/charts': {
    dir: 'packages/charts',
    script: `import { imageHeatmap } from '@openbox/charts';
const spec = imageHeatmap([[0, 1], [1, 0]]);
console.log(JSON.stringify({ schema: spec.$schema, values: spec.data.values.length }));`,
    check: (out: Record<string, unknown>) => {
      expect(String(out['schema'])).toContain('vega-lite');
      expect(out['values']).toBe(4);
    },
  },
  '@openbox/attribution': {
    dir: 'packages/attribution',
    script: `import { METHOD_NAMES, quadrature } from '@openbox/attribution';
const q = quadrature('gauss-legendre', 3);
console.log(JSON.stringify({ middle: q.alphas[1], total: q.weights.reduce((a, b) => a + b, 0), saliency: METHOD_NAMES.includes('saliency') }));`,
    check: (out: Record<string, unknown>) => {
      expect(out['middle'] as number).toBeCloseTo(0.5, 12);
      expect(out['total'] as number).toBeCloseTo(1, 12);
      expect(out['saliency']).toBe(true);
    },
  },
  '@openbox/tabular': {
    dir: 'packages/tabular',
    script: `import { explain, EXPLAINER_NAMES } from '@openbox/tabular';
const f = { features: 3, label: 'x0·x1 + x2', evaluate: (m) => Float64Array.from({ length: m.rows }, (_, r) => m.data[3 * r] * m.data[3 * r + 1] + m.data[3 * r + 2]) };
const e = explain(f, { data: Float64Array.of(2, 3, 5), rows: 1, cols: 3 }, { method: 'exact', background: { data: new Float64Array(3), rows: 1, cols: 3 } });
console.log(JSON.stringify({ values: Array.from(e.values), names: EXPLAINER_NAMES.length }));`,
    check: (out: Record<string, unknown>) => expect(out).toEqual({ values: [3, 3, 5], names: 5 }),
  },
  '@openbox/suite': {
    dir: 'packages/suite',
    script: `import { EXPERIMENT_IDS, RUN_ID_PATTERN } from '@openbox/suite';
console.log(JSON.stringify({ ids: EXPERIMENT_IDS.length, ok: RUN_ID_PATTERN.test('2026-01-01T00-00-00Z-seed0') }));`,
    check: (out: Record<string, unknown>) => {
      expect(out['ids']).toBeGreaterThanOrEqual(9);
      expect(out['ok']).toBe(true);
    },
  },
} as const;

type Library = keyof typeof LIBRARIES;

describe('packed libraries install and run outside the monorepo', () => {
  let work: string;
  // Asynchronous on purpose: packing six libraries and installing them takes over a minute, and a worker whose
  // event loop is blocked that long misses vitest's RPC deadline ("Timeout calling onTaskUpdate").
  const run = promisify(execFile);
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'openbox-pack-'));
    const tarballs: Record<string, string> = {};
    for (const [name, { dir }] of Object.entries(LIBRARIES)) {
      await run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', work], { cwd: join(ROOT, dir) });
      const file = readdirSync(work).find(
        (f) => f.startsWith(name.replace('@', '').replace('/', '-')) && f.endsWith('.tgz'),
      );
      if (file === undefined) throw new Error(`no tarball for ${name} in ${work}`);
      tarballs[name] = `file:${join(work, file)}`;
    }
    const app = join(work, 'app');
    await run('mkdir', ['-p', app]);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({
        name: 'pack-check',
        private: true,
        type: 'module',
        dependencies: tarballs,
        pnpm: { overrides: tarballs },
      }),
    );
    // --prefer-offline: third-party packages come from the store the monorepo install filled.
    await run('npx', ['-y', 'pnpm@10', 'install', '--prefer-offline', '--config.confirmModulesPurge=false'], {
      cwd: app,
    });
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(Object.keys(LIBRARIES) as Library[])('%s imports from its tarball and runs', (name) => {
    const library = LIBRARIES[name];
    const app = join(work, 'app');
    const installed = JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8'));
    expect(installed.exports['.'].import).toBe('./dist/index.js');
    writeFileSync(join(app, 'check.mjs'), library.script);
    const stdout = execFileSync('node', ['check.mjs'], { cwd: app, encoding: 'utf8' });
    const lastLine = stdout.trim().split('\n').at(-1) ?? '';
    library.check(JSON.parse(lastLine));
  });
});
