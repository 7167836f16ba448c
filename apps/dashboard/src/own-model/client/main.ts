/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** The "your model" page's script: the form, the drop zone, the progress bar; TensorFlow.js runs in the worker. */
import { isImageScale } from '@openbox/datasets/browser';
import { OWN_MODEL_RESULTS_ID } from '../own-model-results.js';
import type { OwnModelScript } from '../client-bundle.js';
import type { OwnModelResults } from '../own-model-results.js';
import { OWN_MODEL_MESSAGES as MESSAGES } from '../own-model-messages.js';
import { OWN_MODEL_DEFAULTS, OWN_MODEL_LIMITS } from '../own-model-settings.js';
import { drawActmax, drawAttributions, drawFilters } from './draw-results.js';
import type { FromWorker, RunSettings, ToWorker } from './worker-protocol.js';

/** Where the worker bundle is served (beside this script). */
export const OWN_MODEL_WORKER_URL = '/static/own-model-worker.js' satisfies `/static/${OwnModelScript}`;

const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`own-model page: #${id} is missing`);
  return el as T;
};

const ui = {
  drop: byId<HTMLDivElement>('own-model-drop'),
  modelFiles: byId<HTMLInputElement>('own-model-model-files'),
  imageFiles: byId<HTMLInputElement>('own-model-image-files'),
  scale: byId<HTMLSelectElement>('own-model-scale'),
  layer: byId<HTMLSelectElement>('own-model-layer'),
  run: byId<HTMLButtonElement>('own-model-run'),
  progress: byId<HTMLProgressElement>('own-model-progress'),
  status: byId<HTMLParagraphElement>('own-model-status'),
  error: byId<HTMLParagraphElement>('own-model-error'),
  backend: byId<HTMLParagraphElement>('own-model-backend'),
  filters: byId<HTMLDivElement>('own-model-filters'),
  actmax: byId<HTMLDivElement>('own-model-actmax'),
  attributions: byId<HTMLDivElement>('own-model-attributions'),
};

const state = { modelReady: false, busy: false, images: [] as File[] };
const worker = new Worker(OWN_MODEL_WORKER_URL);
const send = (message: ToWorker): void => worker.postMessage(message);

const setStatus = (text: string): void => {
  ui.status.textContent = text;
};
const showError = (message: string | null): void => {
  ui.error.hidden = message === null;
  ui.error.textContent = message ?? '';
};
const refresh = (): void => {
  ui.run.disabled = state.busy || !state.modelReady || state.images.length === 0;
};

const isModelFile = (f: File): boolean => /\.(json|bin)$/i.test(f.name) || !/\.[a-z0-9]+$/i.test(f.name);
const isImageFile = (f: File): boolean =>
  /^image\/(png|jpeg)$/.test(f.type) || /\.(png|jpe?g)$/i.test(f.name);

function loadModel(files: readonly File[]): void {
  state.modelReady = false;
  state.busy = true;
  showError(null);
  setStatus(`Reading the model (${files.map((f) => f.name).join(', ')}) …`);
  refresh();
  send({ type: 'load-model', files });
}

function setImages(files: readonly File[]): void {
  state.images = [...files];
  setStatus(`${state.images.length} image${state.images.length === 1 ? '' : 's'} picked.`);
  refresh();
}

/** One number field's value, checked against its bounds. */
function numberOf(key: keyof typeof OWN_MODEL_DEFAULTS, label: string): number {
  const input = byId<HTMLInputElement>(`own-model-${key}`);
  const [min, max] = OWN_MODEL_LIMITS[key];
  const value = Number(input.value);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(MESSAGES.badNumber(label, input.value, min, max));
  return value;
}

function settings(): RunSettings {
  const scale = ui.scale.value;
  if (!isImageScale(scale)) throw new Error(`unknown pixel scale ${scale}`);
  return {
    scale,
    layer: ui.layer.value,
    channels: numberOf('channels', 'Channels'),
    steps: numberOf('steps', 'Steps'),
    seed: numberOf('seed', 'Seed'),
    igSteps: numberOf('igSteps', 'IG steps'),
  };
}

function showResults(results: OwnModelResults): void {
  drawFilters(ui.filters, results);
  drawActmax(ui.actmax, results.actmax);
  drawAttributions(ui.attributions, results);
  document.getElementById(OWN_MODEL_RESULTS_ID)?.remove();
  const json = document.createElement('script');
  json.type = 'application/json';
  json.id = OWN_MODEL_RESULTS_ID;
  json.textContent = JSON.stringify(results);
  document.body.append(json);
  const total = Object.values(results.timings).reduce((s, t) => s + t, 0);
  setStatus(`Done in ${(total / 1000).toFixed(1)} s on ${results.backend.name}; nothing left this page.`);
}

worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const m = event.data;
  switch (m.type) {
    case 'ready':
      ui.backend.textContent = `TensorFlow.js backend: ${m.backend}${m.skipped.map((s) => ` (${s.backend} skipped: ${s.reason})`).join('')}`;
      ui.backend.dataset['backend'] = m.backend;
      return;
    case 'model':
      ui.layer.replaceChildren(
        ...m.layers.map((l) => new Option(`${l.name} (${l.className}, ${l.channels} channels)`, l.name)),
      );
      ui.layer.disabled = false;
      ui.layer.selectedIndex = 0;
      state.modelReady = true;
      state.busy = false;
      setStatus(
        `Model loaded: ${m.kind} model, input ${m.inputShape.join(' × ')}, ${m.layers.length} layers to visualize.`,
      );
      break;
    case 'progress':
      ui.progress.value = m.fraction;
      setStatus(`${Math.round(m.fraction * 100)} % — ${m.label}`);
      return;
    case 'results':
      state.busy = false;
      ui.progress.value = 1;
      showResults(m.results);
      break;
    case 'error':
      state.busy = false;
      showError(m.message);
      setStatus('Stopped.');
      break;
  }
  refresh();
};

ui.modelFiles.addEventListener('change', () => loadModel([...(ui.modelFiles.files ?? [])]));
ui.imageFiles.addEventListener('change', () => setImages([...(ui.imageFiles.files ?? [])]));
ui.drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  ui.drop.classList.add('over');
});
ui.drop.addEventListener('dragleave', () => ui.drop.classList.remove('over'));
ui.drop.addEventListener('drop', (e) => {
  e.preventDefault();
  ui.drop.classList.remove('over');
  const files = [...(e.dataTransfer?.files ?? [])];
  const images = files.filter(isImageFile);
  const model = files.filter((f) => !isImageFile(f) && isModelFile(f));
  if (images.length > 0) setImages(images);
  if (model.length > 0) loadModel(model);
});
ui.run.addEventListener('click', () => {
  try {
    const chosen = settings();
    state.busy = true;
    showError(null);
    ui.progress.value = 0;
    refresh();
    send({ type: 'run', images: state.images, settings: chosen });
  } catch (error) {
    showError((error as Error).message);
  }
});
