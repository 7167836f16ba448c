/**
 * `LinePeer`: a persistent peer process (the Python side of a benchmark) that prints one JSON line when it starts
 * (`info`) and answers one JSON line per command written to its stdin. Its stderr passes through; if it exits, the
 * pending and every later answer reject naming it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

export class LinePeer<Info> {
  private readonly lines: string[] = [];
  private waiting: { resolve: (line: string) => void; reject: (e: Error) => void } | undefined;
  private exit: Error | undefined;
  private readonly child: ChildProcessWithoutNullStreams;
  /** The first line the peer printed, after {@link ready}. */
  info: Info | undefined;

  /** Starts `command args…` with `env` added; `name` names it in the exit error. */
  constructor(command: string, args: readonly string[], env: Readonly<Record<string, string>>, name: string) {
    this.child = spawn(command, args, { env: { ...process.env, ...env } });
    this.child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const w = this.waiting;
      this.waiting = undefined;
      if (w) w.resolve(line);
      else this.lines.push(line);
    });
    this.child.on('exit', (code) => {
      this.exit = new Error(`${name} exited with ${code}`);
      this.waiting?.reject(this.exit);
    });
  }

  private next(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.exit) return Promise.reject(this.exit);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** Waits for the start line and keeps it as {@link info}. */
  async ready(): Promise<void> {
    this.info = JSON.parse(await this.next()) as Info;
  }

  /** Writes `command` and parses the answer line. */
  async ask<T>(command: string): Promise<T> {
    this.child.stdin.write(`${command}\n`);
    return JSON.parse(await this.next()) as T;
  }

  /** Closes its stdin (the peer ends). */
  close(): void {
    this.child.stdin.end();
  }
}
