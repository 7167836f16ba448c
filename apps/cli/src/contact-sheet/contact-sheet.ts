/** `contactSheetHtml`: one self-contained HTML page of labelled PNG tiles and an options table (no scripts, no fetches). */
import { escapeHtml } from './escape-html.js';

/** One image with its caption lines. */
export interface ContactTile {
  /** PNG bytes, inlined as a `data:image/png;base64` URL. */
  readonly png: Uint8Array;
  /** Alternative text (also the tooltip). */
  readonly alt: string;
  /** Lines under the image, e.g. `channel 3`, `objective 1.234`. */
  readonly caption: readonly string[];
}

/** A titled group of tiles (one per unit, per channel, …). */
export interface ContactSection {
  readonly title: string;
  readonly tiles: readonly ContactTile[];
}

/** The whole page. */
export interface ContactSheet {
  readonly title: string;
  /** Lines under the title (model, objective, timing). */
  readonly lines: readonly string[];
  /** Rows of the options table: name and value as text. */
  readonly options: readonly (readonly [string, string])[];
  readonly sections: readonly ContactSection[];
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}p{margin:2px 0;color:#555}
table{border-collapse:collapse;margin:12px 0}td{border:1px solid #ddd;padding:2px 8px;font-family:ui-monospace,monospace;font-size:12px}
.tiles{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0;background:#fff;border:1px solid #ddd;padding:6px}
img{display:block;image-rendering:pixelated;max-width:448px}figcaption{font-size:12px;margin-top:4px}`;

/** Every user-controlled string goes through this. */
const text = escapeHtml;

function tileHtml(tile: ContactTile): string {
  const src = `data:image/png;base64,${Buffer.from(tile.png).toString('base64')}`;
  const caption = tile.caption.map(text).join('<br>');
  return `<figure><img src="${src}" alt="${text(tile.alt)}" title="${text(tile.alt)}"><figcaption>${caption}</figcaption></figure>`;
}

/**
 * The page as a string: title, lines, options table, then each section's tiles with their captions. Every string
 * of `sheet` is HTML-escaped (layer names, file names and class names come from the user); images are inlined, so
 * the file can be moved or mailed alone; a Content-Security-Policy forbids scripts and every fetch but `data:` images.
 * @example await writeFileAtomic('out/index.html', contactSheetHtml({ title: 'conv1', lines: [], options: [], sections }));
 */
export function contactSheetHtml(sheet: ContactSheet): string {
  const rows = sheet.options.map(([k, v]) => `<tr><td>${text(k)}</td><td>${text(v)}</td></tr>`).join('\n');
  const sections = sheet.sections
    .map((s) => `<h2>${text(s.title)}</h2>\n<div class="tiles">\n${s.tiles.map(tileHtml).join('\n')}\n</div>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${text(sheet.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${text(sheet.title)}</h1>
${sheet.lines.map((l) => `<p>${text(l)}</p>`).join('\n')}
<table>
${rows}
</table>
${sections}
</body>
</html>
`;
}
