/** `createStageLog`: one line per slow stage on stderr, only when stderr is a terminal (never on stdout). */

/** Prints stage lines with the seconds since the log was created. */
export interface StageLog {
  stage(text: string): void;
}

/**
 * Lines `<prefix>: <text> (<s> s)` on `stream` when it is a TTY; silent otherwise (a pipe or file gets nothing, so
 * logs and `--json` output stay clean).
 * @example const log = createStageLog('openbox logistic'); log.stage('reading data.csv');
 */
export function createStageLog(
  prefix: string,
  stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'> = process.stderr,
): StageLog {
  const started = performance.now();
  return {
    stage(text) {
      if (stream.isTTY !== true) return;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      stream.write(`${prefix}: ${text} (${seconds} s)\n`);
    },
  };
}
