/** Every library package packs with `pnpm pack`, installs outside the monorepo and runs from plain Node. */
import { execFileSync } from 'node:child_process';
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
  '@openbox/datasets': {
    dir: 'datasets',
    script: `import { loadIris } from '@openbox/datasets';
const iris = loadIris();
console.log(JSON.stringify({ shape: iris.shape, classes: iris.classNames.length }));`,
    check: (out: Record<string, unknown>) => expect(out).toEqual({ shape: [150, 4], classes: 3 }),
  },
} as const;

type Library = keyof typeof LIBRARIES;

describe('packed libraries install and run outside the monorepo', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'openbox-pack-'));
    const tarballs: Record<string, string> = {};
    for (const [name, { dir }] of Object.entries(LIBRARIES)) {
      execFileSync('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', work], { cwd: join(ROOT, dir), stdio: 'pipe' });
      const file = readdirSync(work).find((f) => f.startsWith(name.replace('@', '').replace('/', '-')) && f.endsWith('.tgz'));
      if (file === undefined) throw new Error(`no tarball for ${name} in ${work}`);
      tarballs[name] = `file:${join(work, file)}`;
    }
    const app = join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'pack-check', private: true, type: 'module', dependencies: tarballs, pnpm: { overrides: tarballs } }),
    );
    // --prefer-offline: third-party packages come from the store the monorepo install filled.
    execFileSync('npx', ['-y', 'pnpm@10', 'install', '--prefer-offline', '--config.confirmModulesPurge=false'], {
      cwd: app,
      stdio: 'pipe',
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
