/**
 * Starts `serve-child.ts` (the real dashboard server) in its own process, so the load generator does not share its
 * event loop, and resolves once it has printed its URL. A module of its own because `serve-child.ts` starts a server
 * as soon as it is imported.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The live model of the child: see `serve-child.ts`. */
export type LiveMode = 'none' | 'worker' | 'in-thread';

export interface ChildServer {
  /** The server's origin, without a trailing slash. */
  readonly url: string;
  /** SIGTERM, then wait for the process to exit. */
  stop(): Promise<void>;
}

export async function startServeChild(resultsDir: string, live: LiveMode = 'none'): Promise<ChildServer> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@openbox/source',
      '--import',
      'tsx',
      join(import.meta.dirname, 'serve-child.ts'),
      resultsDir,
      live,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // Reject instead of hanging when the child fails before it prints its URL.
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`serve-child exited (${code ?? signal}) before printing its URL`)),
    );
  });
  const { url } = JSON.parse(line) as { url: string };
  return {
    url: url.replace(/\/$/, ''),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
