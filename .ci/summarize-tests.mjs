// Sums the vitest JSON reports of every workspace project into one closing line: "Tests: N passed, N failed, N skipped".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPORT = join('test-artifacts', 'vitest-report.json');
const projects = [
  'datasets',
  'test',
  ...['packages', 'apps'].flatMap((dir) => readdirSync(dir).map((name) => join(dir, name))),
];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const project of projects.filter((p) => existsSync(join(p, REPORT)))) {
  const report = JSON.parse(readFileSync(join(project, REPORT), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  console.log(`${project}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
