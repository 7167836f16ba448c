import { describe, expect, it } from 'vitest';
import { contactSheetHtml } from './contact-sheet.js';
import { escapeHtml } from './escape-html.js';

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a" onload="x', 'a&quot; onload=&quot;x'],
    ["it's", 'it&#39;s'],
    ['&amp;', '&amp;amp;'],
    ['bell\u0007 esc\u001b[31m', 'bell\ufffd esc\ufffd[31m'],
    ['tab\tand\nnewline', 'tab\tand\nnewline'],
  ])('%j', (input, expected) => expect(escapeHtml(input)).toBe(expected));
});

describe('contactSheetHtml', () => {
  const png = Uint8Array.of(137, 80, 78, 71);
  const hostile = '"><img src=x onerror=alert(1)>';
  const html = contactSheetHtml({
    title: `layer ${hostile}`,
    lines: [`model ${hostile}`],
    options: [[`--layer`, hostile]],
    sections: [{ title: hostile, tiles: [{ png, alt: hostile, caption: [hostile, 'objective 1.5'] }] }],
  });

  it('escapes every user string: no tag or attribute can be injected', () => {
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('onerror=alert(1)>');
    expect(html.match(/<img /g)).toHaveLength(1); // only the tile's own
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('inlines the PNG as a data URL and forbids scripts and fetches', () => {
    expect(html).toContain(`<img src="data:image/png;base64,${Buffer.from(png).toString('base64')}"`);
    expect(html).toContain(`default-src 'none'; img-src data:`);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('objective 1.5');
  });
});
