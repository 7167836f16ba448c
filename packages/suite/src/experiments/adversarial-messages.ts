/** User-facing error messages of the adversarial attack and its experiment (each names the function and the argument). */
import { escapeForMessage } from '@openbox/safe-io';

const show = (value: unknown): string => escapeForMessage(String(value), 60);

export const ADVERSARIAL_MESSAGES = {
  badInteger: (fn: string, arg: string, min: number, value: unknown) =>
    `${fn}: ${arg} must be an integer ≥ ${min}, got ${show(value)}.`,
  badPositive: (fn: string, arg: string, value: unknown) =>
    `${fn}: ${arg} must be a finite number > 0, got ${show(value)}.`,
  badNorm: (fn: string, value: unknown) => `${fn}: norm must be 'linf' or 'l2', got ${show(value)}.`,
  badBatch: (fn: string, images: number, labels: number, pixels: number) =>
    `${fn}: images must hold labels.length × ${pixels} values (${labels} labels), got ${images}.`,
  tooFewCorrect: (fn: string, wanted: number, found: number, model: string) =>
    `${fn}: wanted ${wanted} test digits that ${escapeForMessage(model, 80)} classifies correctly, found ${found}.`,
} as const;
