/** The browser side of the end-to-end tests: Debian's chromium through playwright-core, with every problem recorded. */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the tests' screenshots go (`test-artifacts/e2e`, kept by CI). */
export const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-artifacts/e2e');

/** A headless page on the dashboard at `serverUrl`, and what went wrong while it was used. */
export interface DashboardBrowser {
  readonly browser: Browser;
  readonly page: Page;
  /** Console errors, uncaught exceptions, failed requests, error responses and requests to other origins. */
  readonly problems: string[];
}

/**
 * Launches chromium (throws with the install hint when it is missing) and opens one 1280×900 page on which every
 * console error, uncaught exception, failed request or error response is recorded in `problems`, and every request
 * to another origin than `serverUrl` is blocked and recorded (nothing may leave the machine).
 * @example const { browser, page, problems } = await openDashboardBrowser(server.url);
 */
export async function openDashboardBrowser(serverUrl: string): Promise<DashboardBrowser> {
  await mkdir(SHOTS, { recursive: true });
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test needs Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.route('**/*', (route) =>
    route.request().url().startsWith(serverUrl)
      ? route.continue()
      : (problems.push(`external: ${route.request().url()}`), route.abort()),
  );
  return { browser, page, problems };
}
