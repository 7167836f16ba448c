import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressDisplay, type ProgressStream } from './progress.js';

/** A stream that records what is written, claiming to be a terminal or not. */
function recorder(isTTY: boolean): { stream: ProgressStream; text: () => string } {
  const stream = new PassThrough() as PassThrough & { isTTY: boolean; columns: number };
  stream.isTTY = isTTY;
  stream.columns = 100;
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return { stream: stream as unknown as ProgressStream, text: () => chunks.join('') };
}

describe('createProgressDisplay', () => {
  it('not a TTY: plain lines at the start, the first update, each quarter and the end, no control characters', async () => {
    const { stream, text } = recorder(false);
    const p = createProgressDisplay(stream);
    p.start('channels 0-7', 0, 2);
    for (let s = 1; s <= 8; s++) p.update(s, 8, `objective ${s}`);
    p.end('done');
    await new Promise((r) => setImmediate(r));
    expect(text()).toBe(
      [
        '(1/2) channels 0-7: started',
        '(1/2) channels 0-7: 13% objective 1', // the first update, then one per quarter
        '(1/2) channels 0-7: 25% objective 2',
        '(1/2) channels 0-7: 50% objective 4',
        '(1/2) channels 0-7: 75% objective 6',
        '(1/2) channels 0-7: done',
        '',
      ].join('\n'),
    );
  });

  it('a TTY: a cli-progress bar with the step count, cleared at the end and replaced by the outcome line', async () => {
    const { stream, text } = recorder(true);
    const p = createProgressDisplay(stream);
    p.start('channels 0-7', 1, 2);
    p.update(3, 8, 'mean 0.5');
    p.end('done in 1 s');
    await new Promise((r) => setImmediate(r));
    const out = text();
    expect(out).toContain('(2/2) channels 0-7 [');
    expect(out).toContain('3/8');
    expect(out).toContain('mean 0.5');
    expect(out).toMatch(/\x1b\[/); // redrawn in place
    expect(out.endsWith('(2/2) channels 0-7: done in 1 s\n')).toBe(true);
  });
});
