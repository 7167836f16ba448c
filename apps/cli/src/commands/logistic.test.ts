import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../command.js';
import { logisticCommand } from './logistic.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-logistic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CSV with two informative features, a noise feature and a 3-level label; seeded LCG so it is fixed. */
function writeCsv(name: string, rows = 300): string {
  let s = 12345;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['age,dose,noise,outcome'];
  for (let i = 0; i < rows; i++) {
    const age = Math.round(20 + 50 * rand());
    const dose = Math.round(100 * rand()) / 10;
    const noise = Math.round(1000 * rand()) / 100;
    const eta = -4 + 0.05 * age + 0.3 * dose;
    const label = rand() < 1 / (1 + Math.exp(-eta)) ? 'sick' : rand() < 0.5 ? 'well' : 'fine';
    lines.push(`${age},${dose},${noise},${label}`);
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const spy = vi
    .spyOn(console, 'log')
    .mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  try {
    const code = await logisticCommand.run(argv);
    return { code, out: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

describe('openbox logistic', () => {
  const csv = writeCsv('data.csv');

  it('--json: one object with the exact fit, inference, the net, ml-logistic-regression and the agreement', async () => {
    const { code, out } = await run([
      '--csv',
      csv,
      '--target',
      'outcome',
      '--positive',
      'sick',
      '--standardize',
      '--ml-steps',
      '2000',
      '--json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.n).toBe(300);
    expect(json.features).toEqual(['age', 'dose', 'noise']);
    expect(Object.keys(json.standardization.mean)).toEqual(['age', 'dose', 'noise']);
    expect(json.standardization.std.age).toBeGreaterThan(10);
    expect(json.exact.converged).toBe(true);
    expect(Object.keys(json.exact.standardErrors)).toEqual(['intercept', 'age', 'dose', 'noise']);
    for (const key of ['pValues', 'ci95']) expect(Object.keys(json.exact[key])).toContain('intercept');
    expect(json.exact.oddsRatios.age).toBeCloseTo(Math.exp(json.exact.coefficients.age), 12);
    expect(json.exact.pValues.age).toBeLessThan(1e-3); // a real effect
    expect(json.exact.pValues.noise).toBeGreaterThan(1e-3);
    expect(json.exact.logLikelihood).toBeLessThan(0);
    // Original scale: β/σ.
    expect(json.exact.originalScale.coefficients.age).toBeCloseTo(
      json.exact.coefficients.age / json.standardization.std.age,
      10,
    );
    expect(json.net.converged).toBe(true);
    expect(typeof json.net.epochs).toBe('number');
    expect(Object.keys(json.mlLogisticRegression.coefficients)).toEqual(['age', 'dose', 'noise']);
    expect(json.mlLogisticRegression.gradientNorm).toBeGreaterThan(0);
    expect(json.agreement.netVsExactMaxAbs).toBeLessThanOrEqual(1e-4);
    expect(json.agreement.mlVsExactMaxAbs).toBeGreaterThan(0);
    expect(json.agreement.verdict).toBe('agree');
  });

  it('prints readable tables without --json', async () => {
    const { code, out } = await run([
      '--csv',
      csv,
      '--target',
      'outcome',
      '--positive',
      'sick',
      '--features',
      'age,dose',
      '--l2',
      '1',
      '--ml-steps',
      '500',
    ]);
    expect(code).toBe(0);
    expect(out).toContain("Logistic regression of outcome = 'sick' on 2 features, n = 300, l2 = 1.");
    expect(out).toMatch(/intercept\s+-?\d/);
    expect(out).toContain('odds ratio');
    expect(out).toContain('Three fits of the same model:');
    expect(out).toContain('Verdict: net agrees with the exact fit');
  });

  it('bad arguments are usage errors', async () => {
    await expect(run(['--target', 'outcome'])).rejects.toThrow(UsageError);
    await expect(run(['--csv', csv, '--target', 'outcome'])).rejects.toThrow('has 3 classes');
    await expect(run(['--csv', csv, '--target', 'outcome', '--positive', 'cured'])).rejects.toThrow(
      "--positive 'cured' is not a class",
    );
    await expect(run(['--csv', csv, '--target', 'outcome', '--positive', 'sick', '--l2=-1'])).rejects.toThrow(
      '--l2 must be a number >= 0',
    );
    await expect(run(['--csv', csv, '--target', 'outcome', '--bogus'])).rejects.toThrow(UsageError);
  });

  it('separated data: says the MLE does not exist and suggests l2 > 0 (no huge numbers)', async () => {
    const path = join(dir, 'separated.csv');
    writeFileSync(path, 'x,y\n1,a\n2,a\n3,a\n4,b\n5,b\n6,b\n');
    await expect(run(['--csv', path, '--target', 'y', '--ml-steps', '10'])).rejects.toThrow(
      /complete separation.*'x'.*l2 > 0/,
    );
    const { code, out } = await run([
      '--csv',
      path,
      '--target',
      'y',
      '--l2',
      '1',
      '--ml-steps',
      '10',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(Math.abs(JSON.parse(out).exact.coefficients.x)).toBeLessThan(10);
  });
});
