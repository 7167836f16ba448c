import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardApp } from '../create-dashboard-app.js';
import { CONTENT_SECURITY_POLICY } from '../security/security-headers.js';
import { HttpError } from '../http-error.js';
import {
  OWN_MODEL_CLIENT_URL,
  OWN_MODEL_SCRIPTS,
  OWN_MODEL_SCRIPTS_DIR,
  scriptReader,
} from './client-bundle.js';
import { createOwnModelApp } from './own-model-app.js';
import { OWN_MODEL_MESSAGES } from './own-model-messages.js';
import { OWN_MODEL_DEFAULTS } from './own-model-settings.js';

describe('GET /own-model and its scripts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-own-model-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('the page has both pickers, the drop zone, the settings with their defaults, the progress bar and its script', async () => {
    const res = await createDashboardApp({ resultsDir: dir }).request('/own-model');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const page = await res.text();
    expect(page).toContain('<h1>Your model, in your browser</h1>');
    expect(page).toContain('<a href="/own-model">Your model</a>');
    for (const id of ['model-files', 'image-files', 'drop', 'scale', 'layer', 'run', 'progress', 'status'])
      expect(page).toContain(`id="own-model-${id}"`);
    for (const [key, value] of Object.entries(OWN_MODEL_DEFAULTS))
      expect(page).toMatch(new RegExp(`id="own-model-${key}"\\s+value="${value}"`));
    for (const scale of ['0-1', '-1-1', 'imagenet']) expect(page).toContain(`<option value="${scale}">`);
    expect(page).toContain(`<script type="module" src="${OWN_MODEL_CLIENT_URL}"></script>`);
    // The page posts nothing: no form action, no fetch target in the markup.
    expect(page).not.toMatch(/action=|method="post"/i);
  });

  it.each(Object.entries(OWN_MODEL_SCRIPTS))(
    'serves /static/%s from the scripts folder',
    async (url, file) => {
      const scripts = await mkdtemp(path.join(dir, 'scripts-'));
      await writeFile(path.join(scripts, file), `/* ${file} */`);
      const res = await createOwnModelApp(false, scripts).request(`/static/${url}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(await res.text()).toBe(`/* ${file} */`);
    },
  );

  it('a missing build is a 503 HttpError naming the file and the build command (retried on the next read)', async () => {
    const scripts = await mkdtemp(path.join(dir, 'later-'));
    const read = scriptReader(scripts);
    const file = path.join(scripts, 'own-model-worker.js');
    const error = await read('own-model-worker.js').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      status: 503,
      code: 'internal',
      message: OWN_MODEL_MESSAGES.clientNotBuilt(file),
    });
    expect((error as Error).message).toBe(
      `the "your model" page's script ${file} is missing or unreadable: build the dashboard (pnpm --filter @openbox/dashboard build)`,
    );
    await writeFile(file, 'built');
    expect(new TextDecoder().decode(await read('own-model-worker.js'))).toBe('built');
  });

  it('the default folder is the package dist/own-model, from src and from dist alike', () => {
    expect(OWN_MODEL_SCRIPTS_DIR).toBe(path.resolve(import.meta.dirname, '../../dist/own-model') + path.sep);
  });
});
