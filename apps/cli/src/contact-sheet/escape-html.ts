/** `escapeHtml`: text made safe for HTML element content and double- or single-quoted attribute values. */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Replaces `& < > " '` by their entities (OWASP's rule for content and quoted attributes), and C0/C1 control
 * characters other than tab and newline by U+FFFD, so a layer name or file name cannot open a tag or an attribute.
 * @example escapeHtml('<img onerror=x>') // '&lt;img onerror=x&gt;'
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (ch) => ENTITIES[ch]!)
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}
