/** loadReferenceCnn in a process that never chose a backend: the cache is used, not discarded as damaged. */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReferenceCnn, referenceCnnDir } from './reference-cnn.js';

// No initBackend() anywhere in this file (each test file runs in its own process).
const root = mkdtempSync(join(tmpdir(), 'openbox-no-backend-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadReferenceCnn before any backend is initialized', () => {
  it('initializes one itself and reads the cache (it used to call it damaged and delete it)', async () => {
    expect(tf.engine().backendName ?? null).toBeNull();
    cpSync(referenceCnnDir(), referenceCnnDir(root), { recursive: true });
    const { fromCache, model } = await loadReferenceCnn({ cacheDir: root });
    expect(fromCache).toBe(true);
    expect(tf.engine().backendName ?? null).not.toBeNull();
    expect(readdirSync(referenceCnnDir(root)).sort()).toEqual(['meta.json', 'model.json', 'weights.bin']);
    model.dispose();
  });
});
