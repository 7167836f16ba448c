/** The browser script, served as `/static/dashboard.js`: draws charts with vega-embed and runs the live picker. */

/**
 * Plain browser JavaScript (no modules, no inline scripts so the CSP can forbid them). Every element with
 * `data-chart-url` (a result's chart) or `data-controls-chart-url` (a verdict's comparison with its controls) gets
 * the spec fetched from the API and embedded (SVG renderer); it gets
 * `data-rendered="true"` when drawn or `"error"` with the message. On the live page, the form posts
 * `{ index }` to `/api/live/digit` and draws the digit, CNN probabilities vs LR template softmax, and the
 * per-layer activations.
 */
export const CLIENT_SCRIPT = String.raw`'use strict';
(function () {
  var EMBED = { actions: false, renderer: 'svg' };
  var SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

  function fail(el, message) {
    el.dataset.rendered = 'error';
    el.textContent = 'Could not draw this chart: ' + message;
    el.classList.add('error');
  }

  function draw(el, spec) {
    return vegaEmbed(el, spec, EMBED).then(function (r) {
      el.dataset.rendered = 'true';
      return r;
    });
  }

  function drawFromUrl(el) {
    return fetch(el.dataset.chartUrl || el.dataset.controlsChartUrl, { headers: { accept: 'application/json' } })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (spec) { return draw(el, spec); })
      .catch(function (e) { fail(el, e.message); });
  }

  document.querySelectorAll('[data-chart-url], [data-controls-chart-url]').forEach(drawFromUrl);

  // Live digit picker.
  var form = document.getElementById('live-form');
  if (!form) return;
  var input = document.getElementById('live-index');
  var summary = document.getElementById('live-summary');
  var max = Number(input.max);

  function softmax(xs) {
    var m = Math.max.apply(null, xs);
    var e = xs.map(function (x) { return Math.exp(x - m); });
    var s = e.reduce(function (a, b) { return a + b; }, 0);
    return e.map(function (x) { return x / s; });
  }
  function argmax(xs) { return xs.indexOf(Math.max.apply(null, xs)); }

  function digitSpec(pixels) {
    var values = pixels.map(function (v, i) { return { row: Math.floor(i / 28), col: i % 28, value: v }; });
    return { $schema: SCHEMA, title: 'input', data: { values: values }, width: { step: 6 }, height: { step: 6 },
      mark: 'rect', config: { view: { stroke: null } },
      encoding: { x: { field: 'col', type: 'ordinal', axis: null }, y: { field: 'row', type: 'ordinal', axis: null },
        color: { field: 'value', type: 'quantitative', scale: { scheme: 'greys', domain: [0, 1] }, legend: null } } };
  }

  function scoresSpec(reply) {
    var lr = softmax(reply.lrScores);
    var values = [];
    for (var k = 0; k < 10; k++) {
      values.push({ digit: String(k), model: 'CNN', probability: reply.probabilities[k] });
      values.push({ digit: String(k), model: 'logistic regression (softmax of template scores)', probability: lr[k] });
    }
    return { $schema: SCHEMA, title: 'class probabilities', data: { values: values }, width: { step: 36 }, height: 200,
      mark: 'bar', encoding: { x: { field: 'digit', type: 'ordinal', axis: { labelAngle: 0 } },
        xOffset: { field: 'model' }, y: { field: 'probability', type: 'quantitative', scale: { domain: [0, 1] } },
        color: { field: 'model', type: 'nominal', legend: { orient: 'bottom', title: null } },
        tooltip: [{ field: 'model' }, { field: 'digit' }, { field: 'probability', type: 'quantitative', format: '.3f' }] } };
  }

  function activationsSpec(reply) {
    var values = [];
    reply.activations.forEach(function (a) {
      a.values.forEach(function (v, i) { values.push({ layer: a.layer, unit: i, value: v }); });
    });
    return { $schema: SCHEMA, title: 'activations', data: { values: values },
      facet: { row: { field: 'layer', type: 'nominal', sort: reply.activations.map(function (a) { return a.layer; }), header: { labelAngle: 0, labelAlign: 'left' } } },
      resolve: { scale: { x: 'independent', y: 'independent' } },
      spec: { width: 420, height: 60, mark: 'bar',
        encoding: { x: { field: 'unit', type: 'ordinal', axis: { labels: false, ticks: false, title: null } },
          y: { field: 'value', type: 'quantitative', title: null },
          tooltip: [{ field: 'layer' }, { field: 'unit' }, { field: 'value', type: 'quantitative', format: '.3f' }] } } };
  }

  function show(reply) {
    var lrPred = argmax(reply.lrScores);
    summary.textContent = 'CNN predicts ' + reply.prediction + ' (p = ' + reply.probabilities[reply.prediction].toFixed(3) +
      '), logistic regression predicts ' + lrPred + (reply.label === null ? '' : ', label ' + reply.label) +
      ' — ' + reply.ms + ' ms';
    var parts = [['live-digit', digitSpec(reply.pixels)], ['live-scores', scoresSpec(reply)]];
    if (reply.activations.length > 0) parts.push(['live-activations', activationsSpec(reply)]);
    else document.getElementById('live-activations').textContent = '';
    return Promise.all(parts.map(function (p) { return draw(document.getElementById(p[0]), p[1]); }))
      .then(function () { summary.dataset.state = 'done'; });
  }

  function compute() {
    var index = Math.max(0, Math.min(max, Math.floor(Number(input.value) || 0)));
    input.value = String(index);
    summary.dataset.state = 'pending';
    summary.textContent = 'computing digit ' + index + '…';
    return fetch('/api/live/digit', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ index: index }) })
      .then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) throw new Error(body.error || 'HTTP ' + res.status);
          return body;
        });
      })
      .then(show)
      .catch(function (e) { summary.dataset.state = 'error'; summary.textContent = 'Error: ' + e.message; });
  }

  form.addEventListener('submit', function (ev) { ev.preventDefault(); compute(); });
  document.getElementById('live-prev').addEventListener('click', function () { input.value = String(Math.max(0, Number(input.value) - 1)); compute(); });
  document.getElementById('live-next').addEventListener('click', function () { input.value = String(Math.min(max, Number(input.value) + 1)); compute(); });
})();
`;
