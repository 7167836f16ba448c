import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardApp } from '../create-dashboard-app.js';
import type { DashboardOptions } from '../dashboard-options.js';
import { fixtureDir } from '../test-helpers.js';
import { parseAllowedHost } from './allowed-host-entry.js';
import { parseHost } from './parse-host.js';

describe('parseHost', () => {
  it.each([
    ['localhost', { name: 'localhost' }],
    ['LocalHost:8787', { name: 'localhost', port: 8787 }],
    ['localhost.:8787', { name: 'localhost', port: 8787 }],
    ['127.0.0.1:1', { name: '127.0.0.1', port: 1 }],
    ['[::1]:8787', { name: '[::1]', port: 8787 }],
    ['[0:0:0:0:0:0:0:1]', { name: '[::1]' }],
    ['dash_box.lan:65535', { name: 'dash_box.lan', port: 65535 }],
  ])('parses %s', (raw, parsed) => {
    expect(parseHost(raw)).toEqual(parsed);
  });

  it.each([
    '',
    'localhost:',
    'localhost:0',
    'localhost:65536',
    'localhost:8787:1',
    'user@localhost',
    'localhost/evil',
    'local host',
    'localhost%00.evil.com',
    '::1',
    '[::1',
    '[zz::1]',
    'a..b',
    '.localhost',
  ])('refuses %j', (raw) => {
    expect(parseHost(raw)).toBeUndefined();
  });
});

describe('parseAllowedHost', () => {
  it.each([
    ['dash.lan', { name: 'dash.lan', subdomains: false }],
    ['.Example.org', { name: 'example.org', subdomains: true }],
    ['192.168.1.20', { name: '192.168.1.20', subdomains: false }],
    ['fd00::1', { name: '[fd00::1]', subdomains: false }],
    ['[fd00::1]', { name: '[fd00::1]', subdomains: false }],
  ])('parses %s', (raw, entry) => expect(parseAllowedHost(raw)).toEqual(entry));

  it.each(['', '*', '*.example.org', 'dash.lan:8787', 'http://dash.lan', 'dash.lan/x', '.[fd00::1]', '.'])(
    'refuses %j',
    (raw) => expect(parseAllowedHost(raw)).toBeUndefined(),
  );
});

describe('Host allowlist (DNS rebinding)', () => {
  let ctx: Awaited<ReturnType<typeof fixtureDir>>;
  beforeAll(async () => {
    ctx = await fixtureDir();
  });
  afterAll(() => ctx.cleanup());

  const appWith = (o: Partial<DashboardOptions> = {}): Hono =>
    createDashboardApp({ resultsDir: ctx.dir, ...o });
  /** As a server would see it: the URL carries the Host too (when it parses as one). */
  const get = (app: Hono, host: string, path = '/api/runs') => {
    let url = path;
    try {
      url = new URL(path, `http://${host}`).href;
    } catch {
      // a malformed host: only the header carries it
    }
    return app.request(url, { headers: { host } });
  };
  const listening = { listen: { hostname: '127.0.0.1', port: 8787 } } as const;

  it.each([
    // [host, options, status]
    ['localhost', {}, 200],
    ['localhost:3000', {}, 200], // port unknown (no listen): any port
    ['127.0.0.1:8787', listening, 200],
    ['localhost:8787', listening, 200],
    ['LOCALHOST:8787', listening, 200],
    ['[::1]:8787', listening, 200],
    ['dash.localhost:8787', listening, 200],
    ['a.b.localhost:8787', listening, 200],
    ['localhost:8788', listening, 403],
    ['localhost', listening, 403], // no port means 80
    ['evil.example:8787', listening, 403],
    ['127.0.0.2:8787', listening, 403],
    ['2130706433:8787', listening, 403], // 127.0.0.1 as one decimal number: not a name we answer to
    ['localhost.evil.example:8787', listening, 403],
    ['0.0.0.0:8787', listening, 403],
    ['0.0.0.0:8787', { listen: { hostname: '0.0.0.0', port: 8787 } }, 200],
    ['192.168.1.20:8787', { listen: { hostname: '0.0.0.0', port: 8787 } }, 403],
    ['192.168.1.20:8787', { listen: { hostname: '192.168.1.20', port: 8787 } }, 200],
    ['[::1]:8787', { listen: { hostname: '::1', port: 8787 } }, 200],
    ['dash.lan', { ...listening, allowedHosts: ['dash.lan'] }, 200], // allowedHosts: any port
    ['dash.lan:443', { ...listening, allowedHosts: ['dash.lan'] }, 200],
    ['other.lan', { ...listening, allowedHosts: ['dash.lan'] }, 403],
    ['a.example.org', { allowedHosts: ['.example.org'] }, 200],
    ['example.org', { allowedHosts: ['.example.org'] }, 200],
    ['badexample.org', { allowedHosts: ['.example.org'] }, 403],
    ['[fd00::1]:8787', { allowedHosts: ['fd00::1'] }, 200],
  ] as const)('Host %s with %j → %i', async (host, options, status) => {
    const res = await get(appWith(options as Partial<DashboardOptions>), host);
    expect(res.status).toBe(status);
    if (status === 403) {
      const body = (await res.json()) as { error: string; code: string };
      expect(body.code).toBe('host-not-allowed');
      expect(body.error).toContain(`host "${host}"`);
    }
  });

  it('names the allowed hosts and the CLI flag in the refusal, as JSON on the API and HTML on pages', async () => {
    const app = appWith(listening);
    const api = await get(app, 'evil.example:8787');
    expect(await api.json()).toEqual({
      error:
        'host "evil.example:8787" is not allowed: this dashboard answers to localhost, 127.0.0.1, [::1], ' +
        '*.localhost and the address it listens on; add a name with allowedHosts (openbox serve --allowed-host NAME)',
      code: 'host-not-allowed',
    });
    const wrongPort = await get(app, 'localhost:9999');
    expect(((await wrongPort.json()) as { error: string }).error).toBe(
      'host "localhost:9999" names another port: this dashboard listens on port 8787',
    );
    const page = await get(app, 'evil.example:8787', '/');
    expect(page.status).toBe(403);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('host &quot;evil.example:8787&quot; is not allowed');
  });

  it('answers 400 for a malformed Host, escaped in the message', async () => {
    const res = await get(appWith(), 'evil\u001b[31m.example');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'malformed Host header "evil\\x1b[31m.example"',
      code: 'host-not-allowed',
    });
  });

  it('checks the URL host too (an absolute-form request target), not only the header', async () => {
    const app = appWith(listening);
    const res = await app.request('http://evil.example:8787/api/runs', {
      headers: { host: 'localhost:8787' },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toContain('host "evil.example:8787"');
  });

  it.each([
    [['http://dash.lan'], 'options.allowedHosts[0]'],
    [['ok.lan', 'dash.lan:80'], 'options.allowedHosts[1]'],
    [['*'], 'options.allowedHosts[0]'],
    [[''], 'options.allowedHosts[0]'],
  ])('refuses allowedHosts %j at startup, naming %s', (allowedHosts, name) => {
    expect(() => appWith({ allowedHosts })).toThrow(
      `createDashboardApp: ${name} must be a host name or IP address without scheme, port or path (or '.domain' for its subdomains), got ${JSON.stringify(allowedHosts.at(-1))}`,
    );
  });

  it.each([
    [{ hostname: '127.0.0.1', port: 0 }],
    [{ hostname: '127.0.0.1', port: 70000 }],
    [{ hostname: 7, port: 80 }],
  ])('refuses listen %j at startup', (listen) => {
    expect(() => appWith({ listen } as unknown as Partial<DashboardOptions>)).toThrow(
      'createDashboardApp: options.listen must be { hostname, port in [1, 65535] }',
    );
  });
});
