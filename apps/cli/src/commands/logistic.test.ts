import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { analyzeLogistic } from '@openbox/logistic';
import { initBackend } from '@openbox/runtime';
import { UsageError } from '../errors.js';
import { analysisJson } from '../logistic/logistic-json.js';
import { logisticReport } from '../logistic/logistic-report.js';
import { main } from '../main.js';
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

  it('bad arguments are usage errors naming the option and the value', async () => {
    await expect(run(['--target', 'outcome'])).rejects.toThrow(
      new UsageError('missing-option', '--csv FILE is required.', 'csv'),
    );
    await expect(run(['--csv', csv, '--target', 'outcome'])).rejects.toThrow(
      '--target outcome has 3 classes (fine, sick, well); pick one with --positive LABEL (one vs rest).',
    );
    await expect(run(['--csv', csv, '--target', 'outcome', '--positive', 'cured'])).rejects.toThrow(
      "--positive 'cured' is not a class of outcome: fine, sick, well.",
    );
    for (const l2 of [['--l2=-1'], ['--l2', '-1'], ['--l2', '1e300'], ['--l2', '0x10']]) {
      await expect(run(['--csv', csv, '--target', 'outcome', '--positive', 'sick', ...l2])).rejects.toThrow(
        `--l2 must be a number from 0 to 1e6, got '${l2.at(-1)!.replace('--l2=', '')}'.`,
      );
    }
    await expect(run(['--csv', csv, '--target', 'outcome', '--ml-steps', '1e12'])).rejects.toThrow(
      "--ml-steps must be an integer from 0 to 1000000, got '1e12'.",
    );
    await expect(run(['--csv', csv, '--target', 'outcome', '--bogus'])).rejects.toThrow(
      "unknown option '--bogus'; known options: --csv, --target, --features, --positive, --standardize, --l2, --ml-steps, --max-bytes, --seed, --json.",
    );
  });

  it('a row with an empty cell in a used column fails (exit 1) naming the file, line and column', async () => {
    const path = join(dir, 'gap.csv');
    writeFileSync(path, 'x,z,y\n1,2,a\n2,,b\n3,1,a\n4,3,b\n');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['logistic', '--csv', path, '--target', 'y'])).toBe(1);
      const message = String(error.mock.calls.at(-1)?.[0]);
      expect(message).toContain(path);
      expect(message).toMatch(/line 3/);
      expect(message).toContain('z');
    } finally {
      error.mockRestore();
    }
  });

  it('the default ml-logistic-regression steps are budgeted: the report says how many ran and warns', async () => {
    const { code, out } = await run([
      '--csv',
      csv,
      '--target',
      'outcome',
      '--positive',
      'sick',
      '--standardize',
    ]);
    expect(code).toBe(0);
    const steps = Number(/ml-logistic-regression: (\d+) steps/.exec(out)?.[1]);
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThan(50_000);
    expect(out).toMatch(/\nWarnings:\n {2}- .*\[ml-budget\]/);
    const json = JSON.parse(
      (await run(['--csv', csv, '--target', 'outcome', '--positive', 'sick', '--standardize', '--json'])).out,
    );
    expect(json.mlLogisticRegression.numSteps).toBe(steps);
    expect(json.warnings.map((w: { code: string }) => w.code)).toContain('ml-budget');
    expect(typeof json.diagnostics.conditionNumber).toBe('number');
  });

  it('without inference (the exact fit did not converge): no standard errors, p-values or intervals, and it says why', async () => {
    await initBackend();
    const data = {
      features: Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8),
      shape: [8, 1] as const,
      featureNames: ['x'],
      target: [0, 1, 0, 0, 1, 1, 0, 1],
    };
    const real = analyzeLogistic(data, { ml: false });
    const warning = { code: 'not-converged', message: 'the exact fit did not converge' } as const;
    const a = {
      ...real,
      exact: { ...real.exact, converged: false },
      inference: null,
      diagnostics: { ...real.diagnostics, warnings: [warning] },
    };
    const target = { column: 'y', positive: '1', negative: ['0'] };
    const report = logisticReport(a, target, 0, 'cpu');
    expect(report).toContain('NOT converged');
    expect(report).toContain(
      'No standard errors, p-values or intervals: the exact fit did not converge (‖∇‖ = ',
    );
    expect(report).not.toContain('std.err');
    expect(report).toContain('Warnings:\n  - the exact fit did not converge [not-converged]');
    const json = JSON.parse(JSON.stringify(analysisJson(a, target, 0, 'cpu')));
    expect(json.inference).toBeNull();
    expect(json.exact.converged).toBe(false);
    expect([json.exact.pValues, json.exact.standardErrors, json.exact.ci95, json.exact.aic]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(json.exact.coefficients.x).toBe(real.exact.coefficients[0]);
    expect(json.warnings).toEqual([warning]);
    expect(JSON.parse(JSON.stringify(analysisJson(real, target, 0, 'cpu'))).inference).toEqual({
      method: 'wald',
      penalized: false,
    });
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
