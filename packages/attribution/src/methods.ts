/**
 * The registry of attribution methods: names declared once (`as const`), the type and guard derived from them, and
 * each implementation keyed by name, so a method without an implementation (or a test case) is a type error.
 */
import type { AttributionMethod } from './core/method.js';
import { saliency } from './gradient/saliency.js';

export const METHOD_NAMES = ['saliency'] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** True when `name` names a registered method. */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}

// Each method's options type differs; the registry erases it, `attribute` re-checks every option at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const METHODS: Record<MethodName, AttributionMethod<any>> = {
  saliency,
};
