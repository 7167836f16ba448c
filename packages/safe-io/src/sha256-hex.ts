/** `sha256Hex`: the SHA-256 digest of bytes or text, as lowercase hex (for cache checksums). */
import { createHash } from 'node:crypto';

/**
 * SHA-256 (FIPS 180-4) of `data`; strings are hashed as UTF-8.
 * @example sha256Hex('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
