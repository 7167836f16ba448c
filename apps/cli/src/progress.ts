/** Progress display for long commands: a redrawn bar on a TTY, plain log lines otherwise. */

export interface ProgressDisplay {
  /** A new task starts (e.g. an experiment): `index` of `total`. */
  start(label: string, index: number, total: number): void;
  /** Progress inside the current task. */
  update(step: number, total: number, note?: string): void;
  /** The current task ended with a one-line outcome. */
  end(outcome: string): void;
}

const BAR_WIDTH = 24;

function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
}

/** A display for `stream`: a bar redrawn in place when it is a TTY, else a line at each quarter of a task. */
export function createProgressDisplay(stream: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  let label = '';
  let lastQuarter = -1;
  const started = { at: 0 };
  if (stream.isTTY) {
    return {
      start(name, index, total) {
        label = `(${index + 1}/${total}) ${name}`;
        started.at = performance.now();
        stream.write(`\r\x1b[K${label} ${bar(0)}`);
      },
      update(step, total, note) {
        const seconds = ((performance.now() - started.at) / 1000).toFixed(1);
        stream.write(
          `\r\x1b[K${label} ${bar(step / total)} ${step}/${total} ${seconds}s${note ? ` ${note}` : ''}`,
        );
      },
      end(outcome) {
        stream.write(`\r\x1b[K${label}: ${outcome}\n`);
      },
    };
  }
  return {
    start(name, index, total) {
      label = `(${index + 1}/${total}) ${name}`;
      lastQuarter = -1;
      stream.write(`${label}: started\n`);
    },
    update(step, total) {
      const quarter = Math.floor((4 * step) / Math.max(1, total));
      if (quarter > lastQuarter && quarter < 4) {
        lastQuarter = quarter;
        stream.write(`${label}: ${Math.round((100 * step) / total)}%\n`);
      }
    },
    end(outcome) {
      stream.write(`${label}: ${outcome}\n`);
    },
  };
}
