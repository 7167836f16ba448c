/** `livePage`: pick a test image, get the model's response (and, for the reference CNN, the LR template scores) and an attribution computed on request. */
import { html } from 'hono/html';
import { liveMethodDescription } from '../live/live-methods.js';
import { MNIST_LIVE_MODEL } from '../live/live-types.js';
import type { DigitSource, LiveModelInfo } from '../live/live-types.js';
import type { Html } from './layout.js';

/** Most images the picker's list names (beyond, the index field still reaches every image). */
const MAX_LISTED = 5000;

/** The method and target pickers (none when the live model computes no attributions). */
function attributionControls(methods: readonly string[], classNames: readonly string[]): Html | string {
  if (methods.length === 0) return '';
  return html`<label for="live-method">attribution</label>
    <select id="live-method" name="method">
      ${methods.map((m) => html`<option value="${m}" title="${liveMethodDescription(m)}">${m}</option>`)}
    </select>
    <label for="live-target">of class</label>
    <select id="live-target" name="target">
      <option value="" selected>predicted</option>
      ${classNames.map((name, k) => html`<option value="${k}">${name}</option>`)}
    </select>`;
}

/** The attribution overlay: a canvas the browser script paints (heatmap over the image) and its caption. */
function attributionFigure(methods: readonly string[]): Html | string {
  if (methods.length === 0) return '';
  return html`<figure>
    <figcaption id="live-attribution-caption">attribution</figcaption>
    <canvas id="live-attribution" width="224" height="224" data-state="idle"></canvas>
    <p class="muted small" id="live-attribution-legend"></p>
  </figure>`;
}

/** The picker's list of images by file and class (only when the source names its files). */
function imageList(images: DigitSource, classNames: readonly string[]): Html | string {
  if (images.get(0).file === undefined) return '';
  const shown = Math.min(images.count, MAX_LISTED);
  const label = (i: number): string => {
    const { file, label: k } = images.get(i);
    return `${i}: ${file ?? ''}${k === undefined ? '' : ` (${classNames[k] ?? k})`}`;
  };
  return html`<label for="live-image">image</label>
    <select id="live-image" name="image">
      ${Array.from({ length: shown }, (_, i) => html`<option value="${i}">${label(i)}</option>`)}
    </select>`;
}

/** What the page says the server computes, for the reference CNN or the user's model. */
function intro(model: LiveModelInfo, methods: readonly string[]): Html {
  const attributes = methods.length > 0;
  if (model.lrTemplates)
    return html`<p class="muted">
      The server runs the CNN on the digit (class probabilities and activations per layer) and scores it with
      the ten logistic-regression
      templates${
        attributes
          ? ', and attributes the CNN’s logit for the chosen class to the pixels (red raises it, blue lowers it)'
          : ''
      }.
      Requests are queued one at a time.
    </p>`;
  const [h, w, c] = model.inputShape;
  return html`<p class="muted" id="live-model">
      The server runs ${model.description ?? 'the model'} (${h}×${w}×${c} input, ${model.classNames.length}
      classes) on the picked image: class probabilities (softmax of its logits) and activations per
      layer${
        attributes
          ? ', and attributes its logit for the chosen class to the pixels (red raises it, blue lowers it)'
          : ''
      }.
      Requests are queued one at a time.
    </p>
    <p class="muted small" id="live-no-lr">
      No logistic-regression template scores: the templates are fitted to MNIST digits, so they are not
      computed for this model.
    </p>`;
}

/**
 * The live picker; `digits` is the number of test images (null when the server has none or live is off);
 * `methods` the attribution methods the live model runs (the select's options, in that order); `model` its input
 * shape and classes (the reference MNIST CNN by default) and `images` the source, whose files the picker lists.
 * The form is `novalidate`: the server checks the index and the page shows its message (one wording for API and
 * page). The form's `data-*` attributes tell the browser script the input shape, classes and drawing.
 */
export function livePage(
  enabled: boolean,
  digits: number | null,
  methods: readonly string[] = [],
  model: LiveModelInfo = MNIST_LIVE_MODEL,
  images?: DigitSource,
): Html {
  if (!enabled || digits === null || digits === 0) {
    return html`<h1>Live</h1>
      <p class="empty" id="live-disabled">
        The live model is not available on this server${enabled ? ' (no test digits are loaded)' : ''}.
      </p>`;
  }
  const [h, w, c] = model.inputShape;
  const digit = model.lrTemplates;
  return html`<h1>${digit ? 'Live: one digit through both models' : 'Live: your model on your images'}</h1>
    ${intro(model, methods)}
    <form
      class="live"
      id="live-form"
      novalidate
      data-height="${h}"
      data-width="${w}"
      data-channels="${c}"
      data-classes="${JSON.stringify(model.classNames)}"
      data-lr="${String(model.lrTemplates)}"
      data-ink="${String(model.ink === true)}"
    >
      <label for="live-index">${digit ? 'test digit' : 'image #'}</label>
      <input id="live-index" name="index" type="number" min="0" max="${digits - 1}" step="1" value="0" />
      <span class="muted small">of ${digits}</span>
      ${images === undefined ? '' : imageList(images, model.classNames)}
      ${attributionControls(methods, model.classNames)}
      <button type="submit" id="live-run">Compute</button>
      <button type="button" class="secondary" id="live-prev">◀</button
      ><button type="button" class="secondary" id="live-next">▶</button>
    </form>
    <p id="live-summary" data-state="idle">Pick ${digit ? 'a digit' : 'an image'} and press Compute.</p>
    <div class="figures">
      <figure><div class="chart" id="live-digit"></div></figure>
      ${attributionFigure(methods)}
      <figure><div class="chart" id="live-scores"></div></figure>
      <figure><div class="chart" id="live-activations"></div></figure>
    </div>`;
}
