/** Progress display for long commands: a `cli-progress` bar redrawn on a TTY, plain log lines otherwise. */
import cliProgress from 'cli-progress';

export interface ProgressDisplay {
  /** A new task starts (e.g. an experiment): `index` of `total`. */
  start(label: string, index: number, total: number): void;
  /** Progress inside the current task. */
  update(step: number, total: number, note?: string): void;
  /** The current task ended with a one-line outcome. */
  end(outcome: string): void;
}

/** What a display writes to: stderr, or a stream that stands in for it in tests. */
export type ProgressStream = Pick<NodeJS.WriteStream, 'isTTY' | 'write'> & NodeJS.WritableStream;

/** A redrawn `cli-progress` bar per task; the outcome line stays when the task ends. */
function ttyDisplay(stream: ProgressStream): ProgressDisplay {
  let label = '';
  let bar: cliProgress.SingleBar | undefined;
  const stop = (): void => {
    bar?.stop();
    bar = undefined;
  };
  return {
    start(name, index, total) {
      stop();
      label = `(${index + 1}/${total}) ${name}`;
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: `${label.replace(/[{}]/g, '')} [{bar}] {value}/{total} {duration}s {note}`,
          barsize: 24,
          clearOnComplete: true,
          hideCursor: null,
        },
        cliProgress.Presets.legacy,
      );
      bar.start(1, 0, { note: '' });
    },
    update(step, total, note) {
      if (bar === undefined) return;
      bar.setTotal(Math.max(1, total));
      bar.update(step, { note: note ?? '' });
    },
    end(outcome) {
      stop();
      stream.write(`${label}: ${outcome}\n`);
    },
  };
}

/** One line when a task starts, at each quarter of it, and when it ends (logs and CI stay readable). */
function lineDisplay(stream: ProgressStream): ProgressDisplay {
  let label = '';
  let lastQuarter = -1;
  return {
    start(name, index, total) {
      label = `(${index + 1}/${total}) ${name}`;
      lastQuarter = -1;
      stream.write(`${label}: started\n`);
    },
    update(step, total, note) {
      const quarter = Math.floor((4 * step) / Math.max(1, total));
      if (quarter > lastQuarter && quarter < 4) {
        lastQuarter = quarter;
        stream.write(`${label}: ${Math.round((100 * step) / total)}%${note ? ` ${note}` : ''}\n`);
      }
    },
    end(outcome) {
      stream.write(`${label}: ${outcome}\n`);
    },
  };
}

/**
 * A display for `stream` (default stderr; never stdout, which carries results and `--json`): a `cli-progress` bar
 * redrawn in place when it is a TTY, else a line at the start, at each quarter and at the end of a task.
 * @example const progress = createProgressDisplay(); progress.start('channels 0-7', 0, 2); progress.update(64, 512);
 */
export function createProgressDisplay(stream: ProgressStream = process.stderr): ProgressDisplay {
  return stream.isTTY === true ? ttyDisplay(stream) : lineDisplay(stream);
}
