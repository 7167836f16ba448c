/** `ownModelPage`: drop a model.json, its weights and a few images; filters, actmax and attributions in the browser. */
import { html } from 'hono/html';
import type { Html } from '../pages/layout.js';
import { OWN_MODEL_CLIENT_URL } from './client-bundle.js';
import { IMAGE_SCALES_ON_PAGE, OWN_MODEL_DEFAULTS, OWN_MODEL_LIMITS } from './own-model-settings.js';

/** The page's own CSS (the dashboard's stylesheet has no drop zone or canvas grid). */
const STYLE = `
#own-model-drop { border: 2px dashed var(--line); border-radius: 8px; padding: 18px; text-align: center; background: var(--card); }
#own-model-drop.over { border-color: var(--accent); }
.own-model-form { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: end; margin: 12px 0; }
.own-model-form label { display: flex; flex-direction: column; font-size: 13px; gap: 2px; }
.own-model-form input[type=number] { width: 90px; }
#own-model-progress { width: 100%; height: 14px; }
.own-model-grid { display: flex; flex-wrap: wrap; gap: 8px; }
.own-model-grid canvas { image-rendering: pixelated; border: 1px solid var(--line); }
.own-model-grid figure { padding: 6px; }
`;

const numberField = (id: keyof typeof OWN_MODEL_DEFAULTS, label: string): Html => {
  const [min, max] = OWN_MODEL_LIMITS[id];
  return html`<label
    >${label}
    <input
      type="number"
      id="own-model-${id}"
      value="${OWN_MODEL_DEFAULTS[id]}"
      min="${min}"
      max="${max}"
      step="1"
  /></label>`;
};

/**
 * The page: two file pickers (model files; images) and a drop zone taking both, the settings (pixel scale, layer,
 * channels, steps, seed, integrated-gradients steps), a Compute button, a progress bar and the result sections. The
 * script (`OWN_MODEL_CLIENT_URL`) does everything in the page with TensorFlow.js — no file is sent anywhere — and
 * writes the numbers into `<script type="application/json" id="own-model-results">`.
 */
export function ownModelPage(): Html {
  return html`<style>
      ${STYLE}
    </style>
    <h1>Your model, in your browser</h1>
    <p class="muted">
      Pick (or drop) a TensorFlow.js <code>model.json</code> — a layers model or a graph model — with its
      weight files, and a few PNG or JPEG images. The first layer's filters, activation maximization of a
      layer's channels, and integrated gradients and saliency of each image for its predicted class are
      computed here, on this device's GPU (WebGPU, else WebGL): nothing is uploaded.
    </p>
    <div id="own-model-drop">Drop model.json, its .bin weight files and images here</div>
    <form class="own-model-form" id="own-model-form" novalidate>
      <label
        >Model files
        <input type="file" id="own-model-model-files" multiple accept=".json,.bin,application/json"
      /></label>
      <label
        >Images <input type="file" id="own-model-image-files" multiple accept="image/png,image/jpeg"
      /></label>
      <label
        >Pixel scale
        <select id="own-model-scale">
          ${IMAGE_SCALES_ON_PAGE.map((s) => html`<option value="${s.value}">${s.label}</option>`)}
        </select></label
      >
      <label
        >Layer
        <select id="own-model-layer" disabled></select
      ></label>
      ${numberField('channels', 'Channels')} ${numberField('steps', 'Steps')} ${numberField('seed', 'Seed')}
      ${numberField('igSteps', 'IG steps')}
      <button type="button" id="own-model-run" disabled>Compute</button>
    </form>
    <progress id="own-model-progress" max="1" value="0"></progress>
    <p id="own-model-status" class="small muted" role="status">Waiting for a model.</p>
    <p id="own-model-error" class="error" role="alert" hidden></p>
    <p id="own-model-backend" class="small muted"></p>
    <h2>First-layer filters</h2>
    <div class="own-model-grid" id="own-model-filters"></div>
    <h2>Activation maximization</h2>
    <div class="own-model-grid" id="own-model-actmax"></div>
    <h2>Attributions for the predicted class</h2>
    <div class="own-model-grid" id="own-model-attributions"></div>
    <script type="module" src="${OWN_MODEL_CLIENT_URL}"></script>`;
}
