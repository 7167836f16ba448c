/** The libraries' browser entries: no Node-only module reachable, nothing exported by index.ts left out by accident. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = join(ROOT, 'scripts/build-browser.mjs');
const run = promisify(execFile);

/** `node scripts/build-browser.mjs --check …args` → exit code and stderr (never throws on a non-zero exit). */
async function check(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run('node', [SCRIPT, '--check', ...args], { cwd: ROOT });
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    return { code: e.code ?? -1, stderr: e.stderr ?? '' };
  }
}

/** The libraries with a browser entry: `index.ts` is `export * from './browser.js'` plus its Node-only exports. */
const LIBRARIES = [
  'packages/safe-io',
  'packages/runtime',
  'datasets',
  'packages/cnn-vis',
  'packages/attribution',
];

function exportedNames(file: string): Set<string> {
  const names = new Set<string>();
  for (const m of readFileSync(file, 'utf8').matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g))
    for (const part of m[1]!.split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name) names.add(name);
    }
  return names;
}

describe('browser bundles (scripts/build-browser.mjs)', () => {
  const temp = mkdtempSync(join(tmpdir(), 'openbox-browser-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('every library browser entry bundles for the browser with no Node-only module reachable', async () => {
    const { code, stderr } = await check();
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it.each([
    ['a node: built-in', "import { readFileSync } from 'node:fs'; export const f = readFileSync;", 'node:fs'],
    ['a bare built-in', "import path from 'path'; export const f = path.join;", 'path'],
    ['a Node-only package', "import { PNG } from 'pngjs'; export const f = PNG;", 'pngjs'],
  ])(
    'fails naming the import chain when %s is reachable',
    async (_, code, module) => {
      const dir = join(temp, module.replace(/\W/g, '-'));
      mkdirSync(join(dir, 'src'), { recursive: true });
      writeFileSync(join(dir, 'src/browser.ts'), "export { f } from './core.js';\n");
      writeFileSync(join(dir, 'src/core.ts'), code);
      const result = await check(dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`the browser entry reaches the Node-only module '${module}': `);
      expect(result.stderr).toMatch(new RegExp(`src/browser\\.ts → \\S*src/core\\.ts → ${module}\\n`));
    },
    30_000,
  );

  it('fails when a browser entry imports a name another browser entry does not export', async () => {
    const dir = join(temp, 'missing-export');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(
      join(dir, 'src/browser.ts'),
      "import { loadModel } from '@openbox/runtime';\nexport const f = loadModel;\n",
    );
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'No matching export in "packages/runtime/src/browser.ts" for import "loadModel"',
    );
    expect(result.stderr).toContain('export it from that browser entry too');
  }, 30_000);

  it.each(LIBRARIES)(
    '%s: index.ts re-exports the whole browser entry and adds only what is not in it (the Node-only part)',
    (dir) => {
      const source = readFileSync(join(ROOT, dir, 'src/index.ts'), 'utf8');
      expect(source).toContain("export * from './browser.js';");
      const browser = exportedNames(join(ROOT, dir, 'src/browser.ts'));
      const twice = [...exportedNames(join(ROOT, dir, 'src/index.ts'))].filter((n) => browser.has(n));
      expect(twice).toEqual([]);
    },
  );
});

describe('the built browser bundles, as a bundler resolves them', () => {
  it('the "browser" condition picks dist/browser/index.js of each package, with one tfjs and nothing from Node', async () => {
    const { build } = await import('esbuild');
    const out = await build({
      stdin: {
        contents: [
          "import { initBrowserBackend, ModelAdapter } from '@openbox/runtime';",
          "import { renderUnits, channel } from '@openbox/cnn-vis';",
          "import { saliency } from '@openbox/attribution';",
          "import { decodeImage } from '@openbox/datasets';",
          'export default [initBrowserBackend, ModelAdapter, renderUnits, channel, saliency, decodeImage];',
        ].join('\n'),
        resolveDir: join(ROOT, 'test'),
        loader: 'js',
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      metafile: true,
      logLevel: 'silent',
      external: ['@tensorflow/*'],
    });
    const inputs = Object.keys(out.metafile.inputs).map((p) => p.replace(/\\/g, '/'));
    const openbox = inputs.filter((p) => !p.includes('node_modules/.pnpm/') || p.includes('@openbox'));
    for (const dir of ['packages/runtime', 'packages/cnn-vis', 'packages/attribution', 'datasets'])
      expect(openbox.some((p) => p.endsWith(`${dir}/dist/browser/index.js`))).toBe(true);
    expect(openbox.filter((p) => p.includes('/src/'))).toEqual([]);
    const imports = Object.values(out.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
    expect([...new Set(imports)].sort()).toEqual(
      expect.arrayContaining(['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers']),
    );
    expect(imports.filter((i) => !i.startsWith('@tensorflow/tfjs-'))).toEqual([]);
  }, 60_000);
});
