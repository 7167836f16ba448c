/** Every message this package shows a user, in one place; each names the function, the file and what is wrong. */
import { escapeForMessage } from './escape-for-message.js';

const q = (path: string): string => `"${escapeForMessage(path, 200)}"`;
const mib = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`;

export const MESSAGES = {
  invalidArgument: (fn: string, name: string, expected: string, got: unknown) =>
    `${fn}: ${name} must be ${expected}, got ${escapeForMessage(typeof got === 'string' ? JSON.stringify(got) : String(got))}.`,
  missingFile: (fn: string, what: string, path: string) => `${fn}: ${what} ${q(path)} does not exist.`,
  notRegular: (fn: string, what: string, path: string, kind: string) =>
    `${fn}: ${what} ${q(path)} is ${kind}, not a regular file; only regular files are read.`,
  tooLarge: (fn: string, what: string, path: string, size: number | null, maxBytes: number, hint?: string) =>
    `${fn}: ${what} ${q(path)} is ${size === null ? 'larger than' : `${mib(size)}, over`} the limit of ${mib(maxBytes)}${hint === undefined ? '' : `; ${hint}`}.`,
  readTimeout: (fn: string, what: string, path: string, ms: number) =>
    `${fn}: reading ${what} ${q(path)} stalled for more than ${ms} ms; gave up.`,
  readFailed: (fn: string, what: string, path: string, reason: string) =>
    `${fn}: cannot read ${what} ${q(path)}: ${reason}.`,
  diskFull: (fn: string, path: string, code: string) =>
    `${fn}: cannot write ${q(path)}: no space left on the device (${code}); the previous content, if any, is unchanged and no partial file was left.`,
  writeFailed: (fn: string, path: string, reason: string) =>
    `${fn}: cannot write ${q(path)}: ${reason}; the previous content, if any, is unchanged and no partial file was left.`,
} as const;

/** A short reason for a Node system error: its code and the OS's text, without the path Node appends. */
export function errnoReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const text: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is not a folder',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'the name is too long',
    EROFS: 'the file system is read-only',
    EIO: 'an input/output error',
    EMFILE: 'too many open files',
  };
  if (code !== undefined) return `${text[code] ?? 'system error'} (${code})`;
  return escapeForMessage(e instanceof Error ? e.message : String(error), 120);
}
