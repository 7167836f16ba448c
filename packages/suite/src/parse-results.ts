/** Structural checks of `manifest.json` and `result.json`: a file that is not one is treated as absent. */
import { EXPERIMENT_ID_PATTERN, VERDICT_STATUSES } from './results-format.js';
import type { ControlEvidence, ExperimentResult, Manifest, Verdict } from './results-format.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isEvidence(v: unknown): v is ControlEvidence {
  return (
    isObject(v) &&
    isString(v['metric']) &&
    isFiniteNumber(v['trained']) &&
    Array.isArray(v['controls']) &&
    v['controls'].length > 0 &&
    v['controls'].every((c: unknown) => isObject(c) && isString(c['label']) && isFiniteNumber(c['value'])) &&
    isFiniteNumber(v['requiredMargin']) &&
    isFiniteNumber(v['margin']) &&
    typeof v['higherIsBetter'] === 'boolean' &&
    typeof v['holds'] === 'boolean'
  );
}

function isVerdict(v: unknown): v is Verdict {
  return (
    isObject(v) &&
    (VERDICT_STATUSES as readonly unknown[]).includes(v['status']) &&
    isString(v['reason']) &&
    (v['evidence'] === undefined || (Array.isArray(v['evidence']) && v['evidence'].every(isEvidence)))
  );
}

/** True when `v` has the shape of a `Manifest` (every field readers use, with its type). */
export function isManifest(v: unknown): v is Manifest {
  return (
    isObject(v) &&
    isString(v['runId']) &&
    isString(v['createdAt']) &&
    typeof v['seed'] === 'number' &&
    typeof v['totalMs'] === 'number' &&
    isString(v['backend']) &&
    isObject(v['versions']) &&
    Array.isArray(v['experiments']) &&
    v['experiments'].every(
      (e: unknown) =>
        isObject(e) &&
        isString(e['id']) &&
        EXPERIMENT_ID_PATTERN.test(e['id']) &&
        isString(e['title']) &&
        isString(e['claim']) &&
        (e['status'] === 'ok' || e['status'] === 'failed') &&
        (e['verdict'] === undefined || isVerdict(e['verdict'])),
    )
  );
}

/** True when `v` has the shape of an `ExperimentResult`. */
export function isExperimentResult(v: unknown): v is ExperimentResult {
  return (
    isObject(v) &&
    isString(v['id']) &&
    isString(v['title']) &&
    isString(v['claim']) &&
    isObject(v['metrics']) &&
    isVerdict(v['verdict']) &&
    Array.isArray(v['charts']) &&
    v['charts'].every(
      (c: unknown) => isObject(c) && isString(c['id']) && isString(c['title']) && isObject(c['spec']),
    ) &&
    Array.isArray(v['artifacts']) &&
    v['artifacts'].every((a: unknown) => isObject(a) && isString(a['file']) && isString(a['title']))
  );
}
