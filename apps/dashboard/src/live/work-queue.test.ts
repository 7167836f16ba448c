import { describe, expect, it } from 'vitest';
import { createWorkQueue, QueueFullError } from './work-queue.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createWorkQueue', () => {
  it('runs jobs one at a time, in order', async () => {
    const q = createWorkQueue(10);
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const job = (name: string, ms: number) => async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      running -= 1;
      return name;
    };
    const results = await Promise.all([q.run(job('a', 20)), q.run(job('b', 5)), q.run(job('c', 1))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(maxRunning).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(q.busy).toBe(false);
  });

  it('rejects at once with QueueFullError when maxWaiting jobs already wait, and recovers', async () => {
    const q = createWorkQueue(2);
    const slow = () => sleep(20).then(() => 'ok');
    const accepted = [q.run(slow), q.run(slow), q.run(slow)];
    expect(q.busy).toBe(true);
    expect(q.waiting).toBe(2);
    await expect(q.run(slow)).rejects.toBeInstanceOf(QueueFullError);
    await expect(Promise.all(accepted)).resolves.toEqual(['ok', 'ok', 'ok']);
    await expect(q.run(slow)).resolves.toBe('ok');
  });

  it('passes a failing job’s error to its caller and keeps going', async () => {
    const q = createWorkQueue(4);
    const failing = q.run(() => Promise.reject(new Error('boom')));
    const next = q.run(() => Promise.resolve(42));
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
  });

  it('lets I/O through between jobs', async () => {
    const q = createWorkQueue(100);
    const order: string[] = [];
    // Each job blocks the thread for 2 ms; without a yield between jobs the due timer would only run after all.
    const busyWait = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    setTimeout(() => order.push('timer'), 1);
    const jobs = Array.from({ length: 10 }, (_, i) =>
      q.run(async () => {
        busyWait(2);
        order.push(`job ${i}`);
      }),
    );
    await Promise.all(jobs);
    expect(order.indexOf('timer')).toBeGreaterThan(-1);
    expect(order.indexOf('timer')).toBeLessThan(order.length - 1);
  });
});
