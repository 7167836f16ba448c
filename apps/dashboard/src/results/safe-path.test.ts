import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInside } from './safe-path.js';

describe('resolveInside', () => {
  let base: string;
  let root: string;
  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'openbox-safe-'));
    root = path.join(base, 'results');
    await mkdir(path.join(root, 'run'), { recursive: true });
    await writeFile(path.join(root, 'run', 'a.json'), '{}');
    await writeFile(path.join(base, 'secret.txt'), 'secret');
    await symlink(path.join(base, 'secret.txt'), path.join(root, 'run', 'out.json'));
    await symlink(path.join(root, 'run', 'a.json'), path.join(root, 'run', 'in.json'));
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('returns the real path of a file inside the root', async () => {
    expect(await resolveInside(root, 'run', 'a.json')).toBe(path.join(await realpath(root), 'run', 'a.json'));
  });

  it('follows a symlink that stays inside', async () => {
    expect(await resolveInside(root, 'run', 'in.json')).toMatch(/run[/\\]a\.json$/);
  });

  it.each([
    ['dot-dot', () => ['..', 'secret.txt']],
    ['dot-dot inside a segment path', () => ['run', '../../secret.txt']],
    ['absolute', () => [path.join(base, 'secret.txt')]],
    ['absolute /etc/passwd', () => ['/etc/passwd']],
    ['backslash', () => ['run\\..\\..\\secret.txt']],
    ['NUL', () => ['run\0']],
    ['empty', () => ['']],
    ['symlink out of the root', () => ['run', 'out.json']],
    ['missing file', () => ['run', 'nope.json']],
  ])('refuses %s', async (_name, segments) => {
    expect(await resolveInside(root, ...segments())).toBeUndefined();
  });
});
