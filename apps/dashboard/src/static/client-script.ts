/** The browser script, served as `/static/dashboard.js`: draws charts with vega-embed and runs the live picker. */

/**
 * Plain browser JavaScript (no modules, no inline scripts so the CSP can forbid them). Every element with
 * `data-chart-url` (a result's chart) or `data-controls-chart-url` (a verdict's comparison with its controls) gets
 * the spec fetched from the API and embedded (SVG renderer); it gets
 * `data-rendered="true"` when drawn or `"error"` with the message. On the live page, the form posts
 * `{ index }` (plus `{ method, target }` when the page has an attribution select) to `/api/live/digit` and
 * draws the digit, CNN probabilities vs LR template softmax, the per-layer activations, and the attribution
 * overlay on a canvas (the digit in greys, the map on top: diverging red/blue around 0 for a signed map, a
 * sequential orange for a non-negative one; opacity ∝ |value| / max |value|). The canvas gets
 * `data-state="drawn"` plus `data-method` / `data-target`; a failed request shows the server's message in the
 * summary (`data-state="error"`) and marks the overlay `stale`. The index is sent as typed (the server checks it).
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

  // Attribution overlay (absent when the live model computes none).
  var methodSelect = document.getElementById('live-method');
  var targetSelect = document.getElementById('live-target');
  var canvas = document.getElementById('live-attribution');
  var SIDE = 28;

  function overlayColour(v, scale, signed) {
    var t = scale > 0 ? v / scale : 0;
    if (signed) return t >= 0 ? [214, 39, 40, t] : [33, 102, 172, -t];
    return [255, 127, 14, Math.max(0, t)];
  }

  function drawOverlay(reply) {
    var a = reply.attribution;
    var values = a.values;
    var min = Math.min.apply(null, values);
    var max = Math.max.apply(null, values);
    var signed = min < 0;
    var scale = Math.max(Math.abs(min), Math.abs(max));
    var small = document.createElement('canvas');
    small.width = SIDE;
    small.height = SIDE;
    var sctx = small.getContext('2d');
    var img = sctx.createImageData(SIDE, SIDE);
    for (var i = 0; i < SIDE * SIDE; i++) {
      var grey = 255 * (1 - reply.pixels[i]);
      var c = overlayColour(values[i], scale, signed);
      var alpha = 0.85 * c[3];
      img.data[4 * i] = Math.round(grey * (1 - alpha) + c[0] * alpha);
      img.data[4 * i + 1] = Math.round(grey * (1 - alpha) + c[1] * alpha);
      img.data[4 * i + 2] = Math.round(grey * (1 - alpha) + c[2] * alpha);
      img.data[4 * i + 3] = 255;
    }
    sctx.putImageData(img, 0, 0);
    var ctx = canvas.getContext('2d');
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
    document.getElementById('live-attribution-caption').textContent = a.method + ' for class ' + a.target;
    document.getElementById('live-attribution-legend').textContent = signed
      ? 'red raises the class logit, blue lowers it; values in [' + min.toPrecision(3) + ', ' + max.toPrecision(3) + ']'
      : 'orange: attribution ≥ 0, up to ' + max.toPrecision(3);
    canvas.dataset.method = a.method;
    canvas.dataset.target = String(a.target);
    canvas.dataset.state = 'drawn';
  }

  function show(reply) {
    var lrPred = argmax(reply.lrScores);
    summary.textContent = 'CNN predicts ' + reply.prediction + ' (p = ' + reply.probabilities[reply.prediction].toFixed(3) +
      '), logistic regression predicts ' + lrPred + (reply.label === null ? '' : ', label ' + reply.label) +
      ' — ' + reply.ms + ' ms';
    var parts = [['live-digit', digitSpec(reply.pixels)], ['live-scores', scoresSpec(reply)]];
    if (reply.activations.length > 0) parts.push(['live-activations', activationsSpec(reply)]);
    else document.getElementById('live-activations').textContent = '';
    if (canvas && reply.attribution) drawOverlay(reply);
    return Promise.all(parts.map(function (p) { return draw(document.getElementById(p[0]), p[1]); }))
      .then(function () { summary.dataset.state = 'done'; });
  }

  function request(index) {
    var body = { index: index };
    if (methodSelect) {
      body.method = methodSelect.value;
      body.target = targetSelect.value === '' ? null : Number(targetSelect.value);
    }
    return body;
  }

  function compute() {
    var index = Number(input.value);
    summary.dataset.state = 'pending';
    summary.textContent = 'computing digit ' + input.value + '…';
    if (canvas) canvas.dataset.state = 'pending';
    return fetch('/api/live/digit', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request(index)) })
      .then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) throw new Error(body.error || 'HTTP ' + res.status);
          return body;
        });
      })
      .then(show)
      .catch(function (e) {
        summary.dataset.state = 'error';
        summary.textContent = 'Error: ' + e.message;
        if (canvas) canvas.dataset.state = 'stale';
      });
  }

  form.addEventListener('submit', function (ev) { ev.preventDefault(); compute(); });
  document.getElementById('live-prev').addEventListener('click', function () { input.value = String(Math.max(0, Number(input.value) - 1)); compute(); });
  document.getElementById('live-next').addEventListener('click', function () { input.value = String(Math.min(max, Number(input.value) + 1)); compute(); });
  if (methodSelect) methodSelect.addEventListener('change', compute);
  if (targetSelect) targetSelect.addEventListener('change', compute);
})();
`;
