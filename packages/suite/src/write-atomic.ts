/**
 * Kept only for `experiments/lr-templates.ts`, which still imports it: the suite's writes go through
 * `@openbox/safe-io` (temp file, fsync, rename, folder fsync). Delete this file once that import is switched.
 */
export {
  writeFileAtomicSync as writeFileAtomic,
  writeJsonAtomicSync as writeJsonAtomic,
} from '@openbox/safe-io';
