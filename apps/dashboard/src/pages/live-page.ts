/** `livePage`: pick a test digit, get the CNN's response and the LR template scores computed on request. */
import { html } from 'hono/html';
import type { Html } from './layout.js';

/** The live picker; `digits` is the number of test digits (null when the server has none or live is off). */
export function livePage(enabled: boolean, digits: number | null): Html {
  if (!enabled || digits === null || digits === 0) {
    return html`<h1>Live</h1>
      <p class="empty" id="live-disabled">
        The live model is not available on this server${enabled ? ' (no test digits are loaded)' : ''}.
      </p>`;
  }
  return html`<h1>Live: one digit through both models</h1>
    <p class="muted">
      The server runs the CNN on the digit (class probabilities and activations per layer) and scores it with
      the ten logistic-regression templates. Requests are queued one at a time.
    </p>
    <form class="live" id="live-form">
      <label for="live-index">test digit</label>
      <input id="live-index" name="index" type="number" min="0" max="${digits - 1}" step="1" value="0" />
      <span class="muted small">of ${digits}</span>
      <button type="submit" id="live-run">Compute</button>
      <button type="button" class="secondary" id="live-prev">◀</button
      ><button type="button" class="secondary" id="live-next">▶</button>
    </form>
    <p id="live-summary" data-state="idle">Pick a digit and press Compute.</p>
    <div class="figures">
      <figure><div class="chart" id="live-digit"></div></figure>
      <figure><div class="chart" id="live-scores"></div></figure>
      <figure><div class="chart" id="live-activations"></div></figure>
    </div>`;
}
