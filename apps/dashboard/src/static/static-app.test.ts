import { describe, expect, it } from 'vitest';
import { createDashboardApp } from '../create-dashboard-app.js';
import { VENDOR_SCRIPTS, vendorScriptPath } from './vendor-files.js';

const app = createDashboardApp({ resultsDir: 'does-not-matter' });

describe('static files', () => {
  it.each([
    ['vega.min.js', 'vega={}'],
    ['vega-lite.min.js', 'vegaLite={}'],
    ['vega-embed.min.js', 'vegaEmbed='],
  ])('serves %s from the installed package as JavaScript', async (name, marker) => {
    const res = await app.request(`/static/vendor/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const body = await res.text();
    expect(body.length).toBeGreaterThan(50_000);
    expect(body).toContain(marker);
  });

  it('finds every vendor script inside node_modules', () => {
    for (const name of VENDOR_SCRIPTS) expect(vendorScriptPath(name)).toMatch(/node_modules/);
  });

  it('serves the stylesheet and the client script', async () => {
    const css = await app.request('/static/dashboard.css');
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect(await css.text()).toContain('.badge[data-verdict="holds"]');
    const js = await app.request('/static/dashboard.js');
    expect(await js.text()).toContain('vegaEmbed(el, spec');
  });

  it.each([
    '/static/vendor/vega.js',
    '/static/vendor/..%2F..%2Fpackage.json',
    '/static/vendor/%252e%252e%252fpackage.json',
    '/static/..%5C..%5Cpackage.json',
    '/static/%2Fetc%2Fpasswd',
    '/static/vendor/%2Fetc%2Fpasswd',
    '/static/package.json',
  ])('answers 404 JSON for %s (nothing outside the fixed table is served)', async (url) => {
    const res = await app.request(url);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/^no route for/);
  });
});
