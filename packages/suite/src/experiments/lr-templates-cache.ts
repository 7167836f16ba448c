/** The MNIST LR templates' cache folder: templates.json plus a meta.json holding its size and SHA-256. */
import { lstatSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { digestOf, isCachedFiles, verifyCachedFilesSync } from '@openbox/runtime';
import { readRegularFileSync, SafeIoError, writeFileAtomicSync, writeJsonAtomicSync } from '@openbox/safe-io';
import { MESSAGES } from '../messages.js';
import type { LrTemplates } from './lr-templates.js';

const TEMPLATES_FILE = 'templates.json';
const META_FILE = 'meta.json';
const META_MAX_BYTES = 64 * 1024;
/** A cache from before checksums has no size record to cap its read by; real templates are ~170 KB. */
const LEGACY_MAX_BYTES = 16 * 1024 * 1024;
const CLASSES = 10;
const PIXELS = 784;

/** What the cache folder holds: usable templates, nothing, older-recipe templates, or a damaged cache (with why). */
export type LrTemplatesCacheState =
  | { readonly kind: 'hit'; readonly templates: LrTemplates }
  | { readonly kind: 'missing' }
  | { readonly kind: 'stale' }
  | { readonly kind: 'damaged'; readonly reason: string };

/**
 * Inspects `dir` for templates of recipe `version`: (1) meta.json (a regular file ≤ 64 KiB) parses and records
 * templates.json's size and SHA-256; (2) templates.json matches them; (3) it parses and holds 10 × 784 finite weights
 * and 10 finite intercepts of this `version` (another version is `stale`). Read, parse and checksum failures are
 * `damaged` with a one-line reason naming the file. A cache from before checksums (templates.json, no meta.json)
 * that passes (3) is adopted: its meta.json is written.
 * @example const state = inspectLrTemplatesCache(join(cacheDir, 'models', 'mnist-lr'), 2);
 */
export function inspectLrTemplatesCache(dir: string, version: number): LrTemplatesCacheState {
  const templatesPath = join(dir, TEMPLATES_FILE);
  // 1. meta.json, or a cache from before checksums.
  const meta = readJson(join(dir, META_FILE), META_MAX_BYTES);
  if (meta.kind === 'missing' && !exists(templatesPath)) return { kind: 'missing' };
  if (meta.kind === 'damaged') return meta;
  const legacy = meta.kind === 'missing';
  if (!legacy) {
    const files = (meta.value as { files?: unknown } | null)?.files;
    if (!isCachedFiles(files) || !(TEMPLATES_FILE in files)) return damaged(MESSAGES.lrMetaNoFiles());
    // 2. Size and SHA-256.
    const reason = verifyCachedFilesSync(dir, files);
    if (reason !== undefined) return damaged(reason);
  }
  // 3. Content.
  const read = readJson(templatesPath, LEGACY_MAX_BYTES);
  if (read.kind === 'missing') return damaged(MESSAGES.lrTemplatesMissing());
  if (read.kind === 'damaged') return read;
  const templates = read.value as LrTemplates;
  if ((templates as { version?: unknown } | null)?.version !== version) return { kind: 'stale' };
  if (!isLrTemplates(templates)) return damaged(MESSAGES.lrTemplatesBadShape(templatesPath));
  if (legacy)
    writeJsonAtomicSync(join(dir, META_FILE), { files: { [TEMPLATES_FILE]: digestOf(read.bytes) } });
  return { kind: 'hit', templates };
}

/** Writes templates.json and then, atomically, meta.json with its size and SHA-256. */
export function writeLrTemplatesCache(dir: string, templates: LrTemplates): void {
  const text = `${JSON.stringify(templates)}\n`;
  mkdirSync(dir, { recursive: true });
  writeFileAtomicSync(join(dir, TEMPLATES_FILE), text);
  writeJsonAtomicSync(join(dir, META_FILE), { files: { [TEMPLATES_FILE]: digestOf(text) } });
}

/** Removes meta.json first (so an interrupted removal reads as missing), then templates.json. */
export function discardLrTemplatesCache(dir: string): void {
  rmSync(join(dir, META_FILE), { force: true, recursive: true });
  rmSync(join(dir, TEMPLATES_FILE), { force: true, recursive: true });
}

type JsonRead =
  { kind: 'json'; value: unknown; bytes: Buffer } | { kind: 'missing' } | { kind: 'damaged'; reason: string };

function readJson(path: string, maxBytes: number): JsonRead {
  let bytes: Buffer;
  try {
    bytes = readRegularFileSync(path, { maxBytes, what: basename(path), caller: 'loadLrTemplates' });
  } catch (error) {
    if (!(error instanceof SafeIoError)) throw error;
    if (error.code === 'missing-file') return { kind: 'missing' };
    return damaged(error.message.replace(/^loadLrTemplates: /, ''));
  }
  try {
    return { kind: 'json', value: JSON.parse(bytes.toString('utf8')), bytes };
  } catch {
    return damaged(MESSAGES.lrFileNotJson(basename(path), path));
  }
}

/** True for 10 × 784 finite weights, 10 finite intercepts and numeric bookkeeping fields. */
function isLrTemplates(value: LrTemplates): boolean {
  const finiteList = (list: unknown, length: number) =>
    Array.isArray(list) &&
    list.length === length &&
    list.every((v) => typeof v === 'number' && Number.isFinite(v));
  return (
    finiteList(value.weights, CLASSES * PIXELS) &&
    finiteList(value.intercepts, CLASSES) &&
    [value.l2, value.rows, value.varyingPixels, value.iterations, value.gradientNorm].every(
      (v) => typeof v === 'number',
    ) &&
    typeof value.converged === 'boolean'
  );
}

const exists = (path: string): boolean => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};
const damaged = (reason: string) => ({ kind: 'damaged', reason: reason.replace(/[\r\n]+/g, ' ') }) as const;
