import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCacheDir } from './cache-dir.js';

describe('defaultCacheDir', () => {
  const saved = process.env['OPENBOX_CACHE'];
  afterEach(() => {
    if (saved === undefined) delete process.env['OPENBOX_CACHE'];
    else process.env['OPENBOX_CACHE'] = saved;
  });

  it('is $OPENBOX_CACHE when set, else ~/.cache/openbox (an empty value counts as unset)', () => {
    process.env['OPENBOX_CACHE'] = '/tmp/somewhere';
    expect(defaultCacheDir()).toBe('/tmp/somewhere');
    process.env['OPENBOX_CACHE'] = '';
    expect(defaultCacheDir()).toBe(join(homedir(), '.cache', 'openbox'));
    delete process.env['OPENBOX_CACHE'];
    expect(defaultCacheDir()).toBe(join(homedir(), '.cache', 'openbox'));
  });
});
