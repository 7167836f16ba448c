/** `layout`: the HTML shell of every page (header, nav, CSS, vendor scripts, client script). */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { VENDOR_SCRIPTS } from '../static/vendor-files.js';

/** An HTML fragment built with hono's `html` (interpolations escaped). */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What the shell needs besides the content. */
export interface LayoutOptions {
  readonly title: string;
  /** Show the Live link in the nav. */
  readonly live: boolean;
  /** Load vega + vega-embed and the client script (pages with charts or the live picker). */
  readonly charts?: boolean;
}

/** The full page: `<!doctype html>`, the nav, `content` in `<main>`. Scripts load from `/static` only. */
export function layout(opts: LayoutOptions, content: Html): Html {
  const scripts =
    opts.charts === true ? [...VENDOR_SCRIPTS.map((s) => `/static/vendor/${s}`), '/static/dashboard.js'] : [];
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${opts.title} · OpenBox</title>
        <link rel="stylesheet" href="/static/dashboard.css" />
        ${scripts.map((src) => html`<script src="${src}" defer></script>`)}
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">OpenBox</a>
          <nav>
            <a href="/">Latest run</a
            ><a href="/runs">Runs</a>${opts.live ? html`<a href="/live">Live</a>` : ''}
            <a href="/tabular">Tabular</a>
            <a href="/own-model">Your model</a>
          </nav>
        </header>
        <main>${content}</main>
      </body>
    </html>`;
}
