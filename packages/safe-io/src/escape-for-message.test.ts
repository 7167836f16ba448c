import { describe, expect, it } from 'vitest';
import { escapeForMessage, sha256Hex } from './index.js';

describe('escapeForMessage', () => {
  it.each([
    ['plain', 'plain'],
    ['a\u001b[31mred\u001b[0m', 'a\\x1b[31mred\\x1b[0m'],
    ['nul\0byte', 'nul\\x00byte'],
    ['two\nlines\r\n', 'two\\nlines\\r\\n'],
    ['tab\there', 'tab\\there'],
    ['back\\slash', 'back\\\\slash'],
    ['del\u007f c1\u009b', 'del\\x7f c1\\x9b'],
    ['bidi\u202eevil', 'bidi\\u202eevil'],
    ['sep\u2028x', 'sep\\u2028x'],
    ['émoji 🙂 ok', 'émoji 🙂 ok'],
  ])('%j → %j', (input, expected) => expect(escapeForMessage(input)).toBe(expected));

  it('cuts to maxChars characters (not code units) and marks the cut', () => {
    expect(escapeForMessage('abcdef', 3)).toBe('abc…');
    expect(escapeForMessage('🙂🙂🙂', 2)).toBe('🙂🙂…');
    expect(escapeForMessage('abc', 3)).toBe('abc');
    expect(escapeForMessage('x'.repeat(100))).toBe(`${'x'.repeat(60)}…`);
  });
});

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('matches the FIPS 180-4 test vector for %j', (text, hex) => {
    expect(sha256Hex(text)).toBe(hex);
    expect(sha256Hex(new TextEncoder().encode(text))).toBe(hex);
  });
});
