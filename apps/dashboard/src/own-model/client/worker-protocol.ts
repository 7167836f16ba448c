/** Messages between the "your model" page and its worker (where TensorFlow.js runs, so the page stays responsive). */
import type { ImageScale } from '@openbox/datasets/browser';
import type { OwnModelResults } from '../own-model-results.js';

/** What the user chose on the form. */
export interface RunSettings {
  readonly scale: ImageScale;
  readonly layer: string;
  readonly channels: number;
  readonly steps: number;
  readonly seed: number;
  readonly igSteps: number;
}

/** Page → worker. */
export type ToWorker =
  | { readonly type: 'load-model'; readonly files: readonly File[] }
  | { readonly type: 'run'; readonly images: readonly File[]; readonly settings: RunSettings };

/** A layer the page offers for activation maximization (4-D output: channels to visualize). */
export interface LayerChoice {
  readonly name: string;
  readonly className: string;
  readonly channels: number;
}

/** Worker → page. */
export type FromWorker =
  | {
      readonly type: 'ready';
      readonly backend: string;
      readonly skipped: readonly { readonly backend: string; readonly reason: string }[];
    }
  | {
      readonly type: 'model';
      readonly kind: string;
      readonly inputShape: readonly number[];
      readonly layers: readonly LayerChoice[];
    }
  | { readonly type: 'progress'; readonly fraction: number; readonly label: string }
  | { readonly type: 'results'; readonly results: OwnModelResults }
  | { readonly type: 'error'; readonly message: string };
