/** Test fixture, not built: runs the suite on one experiment that signals it started and then never ends (SIGKILL it). */
import { writeFileSync } from 'node:fs';
import { runSuite } from './run-suite.js';

const [out, signalFile] = process.argv.slice(2);
if (out === undefined || signalFile === undefined)
  throw new Error('usage: test-hanging-run.ts OUT SIGNAL_FILE');
await runSuite({
  out,
  experiments: [
    {
      id: 'hangs',
      title: 'Never ends',
      claim: 'Nothing.',
      run: () => {
        writeFileSync(signalFile, String(process.pid));
        return new Promise(() => setInterval(() => undefined, 1000));
      },
    },
  ],
});
