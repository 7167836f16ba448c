/** The pure decisions of `pnpm setup:native` (scripts/native/plan.mjs): version and wheel choice, paths, patching. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chooseVersion,
  chooseWheel,
  compareVersions,
  GYP_RPATH,
  isCompatibleVersion,
  missingSymbols,
  napiBuildVersion,
  nativePaths,
  parseVersion,
  patchBindingGyp,
  wheelVersion,
} from '../scripts/native/plan.mjs';

const WHEEL = 'tensorflow_cpu-2.21.0-cp311-cp311-manylinux_2_27_x86_64.whl';

describe('version choice', () => {
  it.each([
    ['2.21.0', [2, 21, 0]],
    [' 2.9.1 ', [2, 9, 1]],
    ['2.22.0rc1', undefined],
    ['2.16', undefined],
    ['v2.16.1', undefined],
  ] as const)('parseVersion(%j)', (text, parsed) => {
    expect(parseVersion(text)).toEqual(parsed);
  });

  it('orders numerically, not as text (2.10 after 2.9)', () => {
    expect(compareVersions('2.10.0', '2.9.1')).toBeGreaterThan(0);
    expect(compareVersions('2.9.1', '2.9.1')).toBe(0);
    expect(compareVersions('2.9.0', '2.9.1')).toBeLessThan(0);
    expect(() => compareVersions('2.9', '2.9.1')).toThrow(
      "compareVersions: '2.9' is not a release version like 2.21.0",
    );
  });

  it.each([
    ['2.9.1', true],
    ['2.21.0', true],
    ['2.9.0', false],
    ['2.8.4', false],
    ['1.15.5', false],
    ['3.0.0', false],
    ['2.22.0rc1', false],
  ] as const)('isCompatibleVersion(%j) is %j (major 2, ≥ 2.9.1)', (version, ok) => {
    expect(isCompatibleVersion(version)).toBe(ok);
  });

  it('chooses the newest compatible release, or none', () => {
    expect(chooseVersion(['2.9.0', '2.21.0', '2.22.0rc1', '2.16.2', '3.0.0'])).toBe('2.21.0');
    expect(chooseVersion(['2.10.0', '2.9.1'])).toBe('2.10.0');
    expect(chooseVersion(['2.8.0', '1.15.0'])).toBeUndefined();
    expect(chooseVersion(['2.16.2', '2.21.0'], '2.16.2')).toBe('2.21.0');
  });
});

describe('wheel choice', () => {
  it('reads the version from a tensorflow-cpu wheel name only', () => {
    expect(wheelVersion(WHEEL)).toBe('2.21.0');
    expect(wheelVersion('tensorflow-2.21.0-cp311-cp311-manylinux_2_27_x86_64.whl')).toBeUndefined();
    expect(wheelVersion('tensorflow_cpu-2.21.0.tar.gz')).toBeUndefined();
  });

  it('picks the newest compatible wheel in a folder listing', () => {
    const listing = [
      'tensorflow_cpu-2.8.0-cp39-cp39-manylinux2010_x86_64.whl',
      WHEEL,
      'tensorflow_cpu-2.16.1-cp311-cp311-manylinux_2_17_x86_64.whl',
      'libtensorflow',
      'binding',
    ];
    expect(chooseWheel(listing)).toEqual({ version: '2.21.0', file: WHEEL });
    expect(chooseWheel(['libtensorflow', 'tensorflow_cpu-2.8.0-cp39-cp39-x.whl'])).toBeUndefined();
  });
});

describe('N-API folder', () => {
  it.each([
    [[3, 4, 5, 6, 7, 8], 9, 8],
    [[3, 4, 5, 6, 7, 8], 6, 6],
    [[8, 3], 8, 8],
    [[7, 8], 6, undefined],
    [[], 9, undefined],
  ] as const)('napiBuildVersion(%j, %j) = %j', (supported, node, expected) => {
    expect(napiBuildVersion(supported, node)).toBe(expected);
  });

  it('matches the version tfjs-node 4.22 declares for this Node (what its loader, node-pre-gyp, computes)', () => {
    const runtime = createRequire(join(import.meta.dirname, '../packages/runtime/package.json'));
    let manifest: string;
    try {
      manifest = runtime.resolve('@tensorflow/tfjs-node/package.json');
    } catch {
      return; // the optional dependency is absent: nothing to compare against
    }
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { binary: { napi_versions: number[] } };
    const napi = napiBuildVersion(pkg.binary.napi_versions, Number(process.versions.napi));
    const find = createRequire(manifest)('@mapbox/node-pre-gyp') as { find: (p: string) => string };
    expect(join(dirname(manifest), 'lib', `napi-v${napi}`, 'tfjs_binding.node')).toBe(find.find(manifest));
  });
});

describe('paths', () => {
  it('keeps every artifact under <cache>/native and installs where tfjs-node loads from', () => {
    const paths = nativePaths({
      cacheDir: '/c',
      tfjsNodeDir: '/m/tfjs-node',
      tfjsNodeVersion: '4.22.0',
      tfVersion: '2.21.0',
      napi: 8,
    });
    expect(paths).toEqual({
      native: '/c/native',
      libtensorflow: '/c/native/libtensorflow',
      lib: '/c/native/libtensorflow/lib',
      include: '/c/native/libtensorflow/include',
      stamp: '/c/native/libtensorflow/openbox-native.json',
      cachedBinding: '/c/native/binding/tfjs-node-4.22.0-tf-2.21.0-napi-v8/tfjs_binding.node',
      installedBinding: '/m/tfjs-node/lib/napi-v8/tfjs_binding.node',
    });
  });
});

describe('patchBindingGyp', () => {
  const gyp = `'libraries' : [ '-Wl,-rpath,${GYP_RPATH}', '-ltensorflow' ],`;

  it('replaces the relative rpath with the absolute lib folder', () => {
    expect(patchBindingGyp(gyp, '/c/native/libtensorflow/lib')).toBe(
      "'libraries' : [ '-Wl,-rpath,/c/native/libtensorflow/lib', '-ltensorflow' ],",
    );
  });

  it("patches tfjs-node 4.22's real binding.gyp", () => {
    const runtime = createRequire(join(import.meta.dirname, '../packages/runtime/package.json'));
    let manifest: string;
    try {
      manifest = runtime.resolve('@tensorflow/tfjs-node/package.json');
    } catch {
      return;
    }
    const text = readFileSync(join(dirname(manifest), 'binding.gyp'), 'utf8');
    const patched = patchBindingGyp(text, '/x/lib');
    expect(patched).toContain("'-Wl,-rpath,/x/lib'");
    expect(patched).not.toContain('ORIGIN');
  });

  it('names what is wrong', () => {
    expect(() => patchBindingGyp("'-Wl,-rpath,/elsewhere'", '/x')).toThrow(
      "patchBindingGyp: binding.gyp has no rpath '\\$$ORIGIN/../../deps/lib' to replace; tfjs-node changed its build",
    );
    expect(() => patchBindingGyp(gyp, '/my cache/lib')).toThrow(
      "patchBindingGyp: the lib folder '/my cache/lib' has a space, quote, $ or \\; set OPENBOX_CACHE to a plain path",
    );
  });
});

describe('missingSymbols', () => {
  const needed = [
    '                 U TFE_Execute',
    '                 U TF_NewStatus',
    '                 U TF_Foo@tensorflow',
    '                 U napi_create_string_latin1',
    '                 w __gmon_start__',
  ];

  it('lists the C API functions no library exports, ignoring version suffixes and other symbols', () => {
    const defined = ['0000000001 T TF_NewStatus', '0000000002 T TFE_Execute@@tensorflow'];
    expect(missingSymbols(needed, defined)).toEqual(['TF_Foo']);
    expect(missingSymbols(needed, [...defined, '0000000003 T TF_Foo@@tensorflow'])).toEqual([]);
    expect(missingSymbols(needed, [])).toEqual(['TFE_Execute', 'TF_Foo', 'TF_NewStatus']);
  });
});
