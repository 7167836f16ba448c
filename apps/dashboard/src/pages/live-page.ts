/** `livePage`: pick a test digit, get the CNN's response, the LR template scores and an attribution computed on request. */
import { html } from 'hono/html';
import { liveMethodDescription } from '../live/live-methods.js';
import { DIGIT_CLASSES } from '../live/live-types.js';
import type { Html } from './layout.js';

/** The method and target pickers (none when the live model computes no attributions). */
function attributionControls(methods: readonly string[]): Html | string {
  if (methods.length === 0) return '';
  const classes = Array.from({ length: DIGIT_CLASSES }, (_, k) => k);
  return html`<label for="live-method">attribution</label>
    <select id="live-method" name="method">
      ${methods.map((m) => html`<option value="${m}" title="${liveMethodDescription(m)}">${m}</option>`)}
    </select>
    <label for="live-target">of class</label>
    <select id="live-target" name="target">
      <option value="" selected>predicted</option>
      ${classes.map((k) => html`<option value="${k}">${k}</option>`)}
    </select>`;
}

/** The attribution overlay: a canvas the browser script paints (heatmap over the digit) and its caption. */
function attributionFigure(methods: readonly string[]): Html | string {
  if (methods.length === 0) return '';
  return html`<figure>
    <figcaption id="live-attribution-caption">attribution</figcaption>
    <canvas id="live-attribution" width="224" height="224" data-state="idle"></canvas>
    <p class="muted small" id="live-attribution-legend"></p>
  </figure>`;
}

/**
 * The live picker; `digits` is the number of test digits (null when the server has none or live is off);
 * `methods` the attribution methods the live model runs (the select's options, in that order). The form is
 * `novalidate`: the server checks the index and the page shows its message (one wording for API and page).
 */
export function livePage(enabled: boolean, digits: number | null, methods: readonly string[] = []): Html {
  if (!enabled || digits === null || digits === 0) {
    return html`<h1>Live</h1>
      <p class="empty" id="live-disabled">
        The live model is not available on this server${enabled ? ' (no test digits are loaded)' : ''}.
      </p>`;
  }
  return html`<h1>Live: one digit through both models</h1>
    <p class="muted">
      The server runs the CNN on the digit (class probabilities and activations per layer) and scores it with
      the ten logistic-regression
      templates${
        methods.length > 0
          ? ', and attributes the CNN’s logit for the chosen class to the pixels (red raises it, blue lowers it)'
          : ''
      }.
      Requests are queued one at a time.
    </p>
    <form class="live" id="live-form" novalidate>
      <label for="live-index">test digit</label>
      <input id="live-index" name="index" type="number" min="0" max="${digits - 1}" step="1" value="0" />
      <span class="muted small">of ${digits}</span>
      ${attributionControls(methods)}
      <button type="submit" id="live-run">Compute</button>
      <button type="button" class="secondary" id="live-prev">◀</button
      ><button type="button" class="secondary" id="live-next">▶</button>
    </form>
    <p id="live-summary" data-state="idle">Pick a digit and press Compute.</p>
    <div class="figures">
      <figure><div class="chart" id="live-digit"></div></figure>
      ${attributionFigure(methods)}
      <figure><div class="chart" id="live-scores"></div></figure>
      <figure><div class="chart" id="live-activations"></div></figure>
    </div>`;
}
