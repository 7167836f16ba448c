import { describe, expect, it } from 'vitest';
import { createStageLog } from './stage-log.js';

/** A stream that records what is written to it. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, write: (text: string) => written.push(text) > 0, written };
}

describe('createStageLog', () => {
  it('a terminal gets one line per stage with the seconds since the start', () => {
    const tty = stream(true);
    const log = createStageLog('openbox logistic', tty);
    log.stage('reading data.csv');
    log.stage('done');
    expect(tty.written).toHaveLength(2);
    expect(tty.written[0]).toMatch(/^openbox logistic: reading data\.csv \(\d+\.\d s\)\n$/);
    expect(tty.written[1]).toMatch(/^openbox logistic: done \(\d+\.\d s\)\n$/);
  });

  it('a pipe or file gets nothing', () => {
    const pipe = stream(false);
    createStageLog('openbox logistic', pipe).stage('reading data.csv');
    expect(pipe.written).toEqual([]);
  });
});
