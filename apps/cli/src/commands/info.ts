/** `openbox info`: the backend chosen (and why better ones were skipped), the datasets, a training benchmark. */
import { parseArgs } from 'node:util';
import { loadCars, loadIris, loadMnist, loadPenguins, type Dataset } from '@openbox/datasets';
import { initBackend, type BackendReport } from '@openbox/runtime';
import { measureTrainingThroughput } from '@openbox/runtime';
import { UsageError, type Command } from '../command.js';

function backendLines(report: BackendReport): string[] {
  const lines = [
    `Backend: ${report.chosen} (tfjs '${report.tfBackend}')${report.forced ? ', forced by OPENBOX_BACKEND' : ''}`,
  ];
  for (const { backend, reason } of report.skipped) lines.push(`  skipped ${backend}: ${reason}`);
  if (report.kernels.length > 0) lines.push(`  OpenBox kernels over wasm: ${report.kernels.join(', ')}`);
  return lines;
}

function datasetLine(dataset: Dataset, label = dataset.name): string {
  const dropped =
    dataset.missing.rowsDropped > 0
      ? `, ${dataset.missing.rowsDropped} rows with missing values dropped`
      : '';
  return `  ${label.padEnd(14)} ${dataset.shape.join('×').padEnd(14)} ${String(dataset.classNames.length).padStart(2)} classes${dropped}  (${dataset.source})`;
}

function datasetLines(): string[] {
  const mnist = loadMnist({ seed: 0 });
  const rest = [loadPenguins(), loadCars(), loadIris()].map((d) => datasetLine(d));
  return [
    'Datasets:',
    datasetLine(mnist.train, 'mnist (train)'),
    datasetLine(mnist.test, 'mnist (test)'),
    ...rest,
  ];
}

export const infoCommand: Command = {
  summary: 'backend report, datasets with their sizes, and a short training benchmark of the reference CNN',
  usage: 'openbox info [--no-bench] [--steps N]',
  async run(argv) {
    const { values } = parseArgs({
      args: [...argv],
      options: { 'no-bench': { type: 'boolean', default: false }, steps: { type: 'string', default: '20' } },
      strict: true,
    });
    const steps = Number(values.steps);
    if (!Number.isInteger(steps) || steps < 1 || steps > 10_000)
      throw new UsageError(`--steps must be an integer from 1 to 10000, got '${values.steps}'.`);
    // 1. Backend
    const report = await initBackend();
    console.log(backendLines(report).join('\n'));
    // 2. Datasets
    console.log(datasetLines().join('\n'));
    // 3. Benchmark
    if (!values['no-bench']) {
      const result = await measureTrainingThroughput({ batchSize: 64, steps, warmup: 3, seed: 0 });
      console.log(
        `Benchmark: reference CNN training, batch 64, ${steps} Adam steps on ${report.chosen}: ${Math.round(result.samplesPerSecond)} samples/s`,
      );
    }
    return 0;
  },
};
