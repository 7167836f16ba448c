import { describe, expect, it } from 'vitest';
import { siblingModuleUrl } from './sibling-module-url.js';
import { workerSource } from './worker-source.js';

describe('siblingModuleUrl', () => {
  it.each([
    ['file:///a/src/x.ts', 'file:///a/src/w.ts'],
    ['file:///a/dist/x.js', 'file:///a/dist/w.js'],
  ])('next to %s is %s', (base, expected) => {
    expect(siblingModuleUrl('./w', base).href).toBe(expected);
  });
});

describe('workerSource', () => {
  it('starts a built .js entry on a .js module directly, with the process flags', () => {
    const entry = new URL('file:///p/dist/w.js');
    expect(workerSource(entry, new URL('file:///p/dist/m.js'))).toEqual({ script: entry, eval: false });
  });

  it.each([
    ['a .ts entry', 'file:///p/src/w.ts', 'file:///p/dist/m.js'],
    ['a .ts module', 'file:///p/dist/w.js', 'file:///p/src/m.ts'],
  ])('bootstraps tsx for %s, with the source condition', (_, entry, module) => {
    const s = workerSource(new URL(entry), new URL(module));
    expect(s.eval).toBe(true);
    expect(s.execArgv).toEqual(['--conditions=@openbox/source']);
    expect(s.script).toContain('tsx.register()');
    expect(s.script).toContain(JSON.stringify(entry));
  });
});
