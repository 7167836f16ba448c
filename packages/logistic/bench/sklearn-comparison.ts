/**
 * OpenBox's exact logistic regression against scikit-learn on the same float64 data, the same objective
 * (Σ log-loss + (l2/2)‖W‖², intercepts free; scikit-learn's C = 1/l2 on the mean loss has the same minimizer) and the
 * same stopping target (‖∇‖₂ <= 1e-8: scikit-learn's tol is on the mean loss's max |∇|, so it is given 1e-8/n).
 * Contenders take turns (`interleave`, >= 3 rounds); each side's final ‖∇‖ is computed by the same numpy code on its
 * coefficients. Returns the BENCHMARKS.md body.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMnist, makeLogisticData } from '@openbox/datasets';
import {
  formatFigure,
  formatRatio,
  formatSummary,
  interleave,
  loadAverage,
  type Contender,
} from '../../../bench/interleave.js';
import { markdownTable } from '../../../bench/benchmarks-md.js';
import { fitExactLogistic, fitExactMultinomial, standardizeColumns } from '../src/index.js';
import { SklearnPeer, sklearnPython, writeRaw, type SklearnFit } from './sklearn-peer.js';

const L2 = 1;
const ROUNDS = Number(process.env.SKLEARN_ROUNDS ?? 3);
const CASES = (process.env.SKLEARN_CASES ?? 'breast,100k,1m,mnist').split(',');

interface Case {
  readonly id: string;
  readonly name: string;
  readonly n: number;
  readonly d: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Absent = binary. */
  readonly numClasses?: number;
}

/** OpenBox's fit as K rows of (intercept, coefficients), its ‖∇‖ as it reports it, and the work it did. */
function fitOpenBox(c: Case): { theta: Float64Array; gradientNorm: number; iterations: number } {
  const data = { features: c.x, shape: [c.n, c.d], target: c.y };
  if (c.numClasses === undefined) {
    const fit = fitExactLogistic(data, { l2: L2 });
    return {
      theta: Float64Array.of(fit.intercept, ...fit.coefficients),
      gradientNorm: fit.gradientNorm,
      iterations: fit.iterations,
    };
  }
  const fit = fitExactMultinomial({ ...data, numClasses: c.numClasses }, { l2: L2 });
  const theta = new Float64Array(c.numClasses * (c.d + 1));
  for (let k = 0; k < c.numClasses; k++) {
    theta[k * (c.d + 1)] = fit.intercepts[k]!;
    theta.set(fit.coefficients.subarray(k * c.d, (k + 1) * c.d), k * (c.d + 1) + 1);
  }
  return { theta, gradientNorm: fit.gradientNorm, iterations: fit.iterations };
}

function synthetic(n: number): Case {
  const weights = Array.from({ length: 20 }, (_, j) => Math.round(100 * Math.sin(j + 1)) / 100);
  const syn = makeLogisticData({ n, weights, intercept: -0.3, seed: 20 });
  const x = Float64Array.from(standardizeColumns(syn.features, syn.shape).features);
  const name = `synthetic ${n.toLocaleString('en-US')} × 20, binary`;
  return { id: n === 100_000 ? '100k' : '1m', name, n, d: 20, x, y: Float64Array.from(syn.target) };
}

function mnist(): Case {
  const { train } = loadMnist({ seed: 0, testFraction: 0.5 });
  const n = 2000;
  const d = 784;
  const x = Float64Array.from(train.features.subarray(0, n * d));
  const y = Float64Array.from(train.target.subarray(0, n));
  return { id: 'mnist', name: 'MNIST pixels 2,000 × 784, 10 classes', n, d, x, y, numClasses: 10 };
}

/**
 * Runs every case in `SKLEARN_CASES` (default all four) and returns the markdown body. Without scikit-learn it still
 * times OpenBox and says why the peer was skipped.
 */
export async function sklearnComparison(): Promise<string> {
  const found = sklearnPython();
  const dir = mkdtempSync(join(tmpdir(), 'openbox-lr-'));
  const peer = 'python' in found ? new SklearnPeer(found.python) : undefined;
  const lines: string[] = [];
  const rows: string[][] = [];
  try {
    await peer?.ready();
    // 1. Data: scikit-learn's breast cancer from the peer; synthetic and MNIST from OpenBox, written for the peer.
    const cases: Case[] = [];
    if (CASES.includes('breast') && peer) {
      const prefix = join(dir, 'breast');
      const { n, d } = await peer.ask<{ n: number; d: number }>(`breast ${prefix}`);
      const x = new Float64Array(readFileSync(`${prefix}.x`).buffer.slice(0));
      const y = new Float64Array(readFileSync(`${prefix}.y`).buffer.slice(0));
      cases.push({ id: 'breast', name: `breast cancer ${n} × ${d} (standardized), binary`, n, d, x, y });
    }
    if (CASES.includes('100k')) cases.push(synthetic(100_000));
    if (CASES.includes('1m')) cases.push(synthetic(1_000_000));
    if (CASES.includes('mnist')) cases.push(mnist());
    for (const c of cases) {
      const prefix = join(dir, c.id);
      if (peer) {
        if (c.id !== 'breast') writeRaw(prefix, c.x, c.y);
        await peer.ask(`load ${c.id} ${prefix} ${c.n} ${c.d}`);
      }
      // 2. Contenders, interleaved: OpenBox, then scikit-learn at the 1e-8 target (2 and 1 BLAS threads), its
      //    newton-cg, and lbfgs at its default tol (the figure a user sees).
      let last: ReturnType<typeof fitOpenBox> | undefined;
      const peerFits = new Map<string, SklearnFit>();
      const tight = 1e-8 / c.n;
      const sklearn = (label: string, solver: string, tol: number, threads: number): Contender => ({
        name: label,
        measure: async () => {
          const fit = await peer!.ask<SklearnFit>(`fit ${c.id} ${solver} ${L2} ${tol} 10000 ${threads}`);
          peerFits.set(label, fit);
          return fit.seconds;
        },
      });
      const contenders: Contender[] = [
        {
          name: 'OpenBox exact',
          measure: () => {
            const t = performance.now();
            last = fitOpenBox(c);
            return (performance.now() - t) / 1000;
          },
        },
      ];
      if (peer)
        contenders.push(
          sklearn('scikit-learn lbfgs, tol 1e-8/n, 2 threads', 'lbfgs', tight, 2),
          sklearn('scikit-learn lbfgs, tol 1e-8/n, 1 thread', 'lbfgs', tight, 1),
          sklearn('scikit-learn newton-cg, tol 1e-8/n, 2 threads', 'newton-cg', tight, 2),
          sklearn('scikit-learn lbfgs, default tol 1e-4, 2 threads', 'lbfgs', 1e-4, 2),
        );
      // One untimed warm-up per contender (V8's JIT, numpy's first calls), then the timed rounds.
      for (const contender of contenders) await contender.measure();
      console.log(`${c.name}: ${contenders.length} contenders × ${ROUNDS} rounds, load ${loadAverage()}`);
      const summaries = await interleave(contenders, ROUNDS, (r, f) =>
        console.log(`  round ${r + 1}: ${f.map((s) => formatFigure(s, 3)).join(' / ')} s`),
      );
      // 3. Final gradient norms, all by the peer's numpy (OpenBox's own figure when there is no peer).
      let openBoxNorm = last!.gradientNorm;
      if (peer) {
        writeFileSync(`${prefix}.theta`, last!.theta);
        openBoxNorm = (await peer.ask<{ gradientNorm: number }>(`gradnorm ${c.id} ${L2} ${prefix}`))
          .gradientNorm;
      }
      const ours = summaries[0]!;
      rows.push([
        c.name,
        'OpenBox exact',
        formatSummary(ours),
        '1',
        String(last!.iterations),
        openBoxNorm.toExponential(1),
      ]);
      for (const s of summaries.slice(1)) {
        const fit = peerFits.get(s.name)!;
        rows.push([
          c.name,
          s.name,
          formatSummary(s),
          formatRatio(s, ours),
          String(fit.iterations),
          fit.gradientNorm.toExponential(1),
        ]);
      }
      lines.push(`- ${c.name}: measured at load ${loadAverage()}.`);
    }
  } finally {
    peer?.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const skipped = 'skipped' in found ? [`scikit-learn skipped: ${found.skipped}.`, ''] : [];
  const info = peer?.info;
  return [
    ...skipped,
    `Same float64 data on both sides, same objective Σ log-loss + (l2/2)‖W‖² with l2 = ${L2} (scikit-learn C = 1), intercepts unpenalized. Time in seconds, median [min–max] over ${ROUNDS} interleaved rounds after one untimed warm-up each; OpenBox uses its default threads (the cores, through its worker pool for ≥ 50,000 rows or large Newton-CG products); "OpenBox ÷ peer speed" = peer time / OpenBox time per round (> 1: OpenBox faster). Final ‖∇‖₂ of the summed objective, computed by the same numpy code on each side's coefficients. scikit-learn's tol is on the mean loss (max |∇| / n), so 1e-8/n asks for the same target; its lbfgs also stops on a relative decrease of 64·eps, which is why it ends above it.`,
    info
      ? `scikit-learn ${info.sklearn}, numpy ${info.numpy}, Python ${info.python}, BLAS ${info.blas.map((b) => `${b.api} (${b.threads} threads)`).join(', ')}.`
      : '',
    '',
    markdownTable(['data', 'fit', 'time (s)', 'OpenBox ÷ peer speed', 'iterations', 'final ‖∇‖'], rows),
    '',
    ...lines,
  ].join('\n');
}
