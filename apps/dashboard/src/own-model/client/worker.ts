/// <reference lib="webworker" />
/** The "your model" worker: TensorFlow.js on WebGPU / WebGL (OffscreenCanvas) off the page's main thread. */
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { initBrowserBackend } from '@openbox/runtime/browser';
import type { BrowserBackendReport, ImageModel } from '@openbox/runtime/browser';
import { OWN_MODEL_MESSAGES as MESSAGES } from '../own-model-messages.js';
import { computeResults } from './compute-results.js';
import { loadModelFiles } from './load-model-files.js';
import { readImageFiles } from './read-image-files.js';
import type { FromWorker, LayerChoice, ToWorker } from './worker-protocol.js';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromWorker): void => self.postMessage(message);

/** Layers with a 4-D output (`[n, h, w, channels]`): what a channel objective can maximize. */
const channelLayers = (adapter: ImageModel): LayerChoice[] =>
  adapter
    .layers()
    .filter((l) => l.outputShape.length === 4 && l.channels > 0)
    .map((l) => ({ name: l.name, className: l.className, channels: l.channels }));

let backend: Promise<BrowserBackendReport> = initBrowserBackend();
let adapter: ImageModel | undefined;

async function handle(message: ToWorker): Promise<void> {
  const report = await backend;
  switch (message.type) {
    case 'load-model': {
      adapter = undefined;
      const loaded = await loadModelFiles(message.files);
      const layers = channelLayers(loaded);
      if (layers.length === 0) throw new Error(MESSAGES.noLayers);
      adapter = loaded;
      post({ type: 'model', kind: loaded.kind, inputShape: [...loaded.inputShape], layers });
      return;
    }
    case 'run': {
      if (adapter === undefined) throw new Error(MESSAGES.noModelJson([]));
      if (message.images.length === 0) throw new Error(MESSAGES.noImages);
      post({ type: 'progress', fraction: 0, label: 'reading images' });
      const batch = await readImageFiles(message.images, adapter.inputShape, message.settings.scale);
      const results = computeResults(
        adapter,
        batch,
        message.settings,
        {
          name: report.chosen,
          skipped: report.skipped,
          floatPrecision: report.floatPrecision,
          epsilon: report.epsilon,
        },
        (fraction, label) => post({ type: 'progress', fraction, label }),
      );
      post({ type: 'results', results });
      return;
    }
  }
}

backend.then(
  (r) => post({ type: 'ready', backend: r.chosen, skipped: r.skipped }),
  (error: unknown) => post({ type: 'error', message: (error as Error).message }),
);
backend = backend.catch(() => initBrowserBackend({ backend: 'cpu' }));

self.onmessage = (event: MessageEvent<ToWorker>) => {
  handle(event.data).catch((error: unknown) =>
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};
