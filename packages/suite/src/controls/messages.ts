/** User-facing error messages of the controls (one place; each names the function, the argument and the value). */
import { escapeForMessage } from '@openbox/safe-io';

const show = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(escapeForMessage(value, 60))
    : escapeForMessage(String(value), 60);

export const CONTROL_MESSAGES = {
  notFinite: (fn: string, arg: string, value: unknown) =>
    `${fn}: ${arg} must be a finite number, got ${show(value)}.`,
  notLabel: (fn: string, arg: string, value: unknown) =>
    `${fn}: ${arg} must be a non-empty string, got ${show(value)}.`,
  empty: (fn: string, arg: string) => `${fn}: ${arg} is empty; pass at least one.`,
  badMargin: (margin: unknown) =>
    `judgeAgainstControls: margin must be a finite number ≥ 0, got ${show(margin)}.`,
  badInterval: (lower: number, upper: number) =>
    `judgeAgainstControls: interval.lower (${lower}) must not exceed interval.upper (${upper}).`,
  badLevel: (fn: string, level: unknown) => `${fn}: level must be in (0, 1), got ${show(level)}.`,
  badResamples: (resamples: unknown) =>
    `bootstrapMeanInterval: resamples must be an integer ≥ 100, got ${show(resamples)}.`,
} as const;
