/** The "your model" page's browser scripts: built by `build-client.mjs` into `dist/own-model/`, each read once. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRegularFile } from '@openbox/safe-io';
import { HttpError } from '../http-error.js';
import { OWN_MODEL_MESSAGES as MESSAGES } from './own-model-messages.js';

/** URL under `/static/` → built file: the page's script and its worker. */
export const OWN_MODEL_SCRIPTS = {
  'own-model.js': 'own-model-client.js',
  'own-model-worker.js': 'own-model-worker.js',
} as const;
export type OwnModelScript = keyof typeof OWN_MODEL_SCRIPTS;

/** Where the page loads its script from. */
export const OWN_MODEL_CLIENT_URL = '/static/own-model.js' satisfies `/static/${OwnModelScript}`;

/**
 * The folder of the built scripts: two folders up from this module is the package root both from `src/own-model/`
 * (tests, `@openbox/source`) and from `dist/own-model/` (a build or a packed install), so one path serves both.
 */
export const OWN_MODEL_SCRIPTS_DIR = fileURLToPath(new URL('../../dist/own-model/', import.meta.url));

/** The worker is about 1.3 MB (tfjs with its WebGL and WebGPU backends); anything far larger is not ours. */
const MAX_BYTES = 32 * 2 ** 20;

/** Reads a script's bytes. */
export type ScriptReader = (script: OwnModelScript) => Promise<Uint8Array<ArrayBuffer>>;

/**
 * A reader of the scripts in `dir` that reads each once (a failed read is retried on the next request); a missing
 * or unreadable file is a 503 naming it and the build command.
 * @example const read = scriptReader(OWN_MODEL_SCRIPTS_DIR); const js = await read('own-model.js');
 */
export function scriptReader(dir: string): ScriptReader {
  const cache = new Map<OwnModelScript, Promise<Uint8Array<ArrayBuffer>>>();
  return async (script) => {
    const file = path.join(dir, OWN_MODEL_SCRIPTS[script]);
    let bytes = cache.get(script);
    if (bytes === undefined) {
      bytes = readRegularFile(file, { maxBytes: MAX_BYTES, what: 'script' }).then((b) => new Uint8Array(b));
      cache.set(script, bytes);
    }
    try {
      return await bytes;
    } catch {
      cache.delete(script);
      throw new HttpError(503, MESSAGES.clientNotBuilt(file), 'internal');
    }
  };
}
