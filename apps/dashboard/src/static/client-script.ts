/** The browser script, served as `/static/dashboard.js`: draws charts with vega-embed and runs the live picker. */

/**
 * Plain browser JavaScript (no modules, no inline scripts so the CSP can forbid them). Every element with
 * `data-chart-url` (a result's chart) or `data-controls-chart-url` (a verdict's comparison with its controls) gets
 * the spec fetched from the API and embedded (SVG renderer); it gets
 * `data-rendered="true"` when drawn or `"error"` with the message. On the live page, the form posts
 * `{ index }` (plus `{ method, target }` when the page has an attribution select) to `/api/live/digit` and
 * draws the image (a digit in greys, a picture on a canvas), the class probabilities (with the LR template
 * softmax beside them for the reference CNN; by class name, the 20 most probable of a larger model), the
 * per-layer activations, and the attribution overlay on a canvas at the model's input size (the image under the
 * map: diverging red/blue around 0 for a signed map, a sequential orange for a non-negative one; opacity ∝
 * |value| / max |value|). The form's `data-height/width/channels/classes/lr/ink` give the model's input and
 * classes; the `#live-image` list (the user's files) sets the index. The canvas gets
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

  // Live picker (the reference digit model, or the user's model on their images).
  var form = document.getElementById('live-form');
  if (!form) return;
  var input = document.getElementById('live-index');
  var summary = document.getElementById('live-summary');
  var max = Number(input.max);
  var H = Number(form.dataset.height || 28);
  var W = Number(form.dataset.width || 28);
  var C = Number(form.dataset.channels || 1);
  var CLASSES = JSON.parse(form.dataset.classes || '["0","1","2","3","4","5","6","7","8","9"]');
  var LR = form.dataset.lr !== 'false';
  var INK = form.dataset.ink === 'true';
  var imageSelect = document.getElementById('live-image');
  function className(k) { return CLASSES[k] === undefined ? String(k) : CLASSES[k]; }
  // RGB (0..255) of pixel p as shown: ink on paper for digits, the picture itself otherwise.
  function rgbAt(pixels, p) {
    if (C === 1) { var g = INK ? 255 * (1 - pixels[p]) : 255 * pixels[p]; return [g, g, g]; }
    return [255 * pixels[C * p], 255 * pixels[C * p + 1], 255 * pixels[C * p + 2]];
  }

  function softmax(xs) {
    var m = Math.max.apply(null, xs);
    var e = xs.map(function (x) { return Math.exp(x - m); });
    var s = e.reduce(function (a, b) { return a + b; }, 0);
    return e.map(function (x) { return x / s; });
  }
  function argmax(xs) { return xs.indexOf(Math.max.apply(null, xs)); }

  function digitSpec(pixels) {
    var values = [];
    for (var p = 0; p < H * W; p++) values.push({ row: Math.floor(p / W), col: p % W, value: pixels[C * p] });
    var step = Math.max(1, Math.round(168 / Math.max(H, W)));
    return { $schema: SCHEMA, title: 'input', data: { values: values }, width: { step: step }, height: { step: step },
      mark: 'rect', config: { view: { stroke: null } },
      encoding: { x: { field: 'col', type: 'ordinal', axis: null }, y: { field: 'row', type: 'ordinal', axis: null },
        color: { field: 'value', type: 'quantitative', scale: { scheme: 'greys', domain: INK ? [0, 1] : [1, 0] }, legend: null } } };
  }

  // Pictures (RGB, or larger than 64×64) are painted on a canvas rather than drawn as one rect per pixel.
  function paintImage(el, pixels) {
    var side = 224 / Math.max(H, W);
    var small = document.createElement('canvas');
    small.width = W;
    small.height = H;
    var sctx = small.getContext('2d');
    var img = sctx.createImageData(W, H);
    for (var p = 0; p < H * W; p++) {
      var rgb = rgbAt(pixels, p);
      img.data[4 * p] = Math.round(rgb[0]); img.data[4 * p + 1] = Math.round(rgb[1]);
      img.data[4 * p + 2] = Math.round(rgb[2]); img.data[4 * p + 3] = 255;
    }
    sctx.putImageData(img, 0, 0);
    var canvas = document.createElement('canvas');
    canvas.width = Math.round(W * side);
    canvas.height = Math.round(H * side);
    canvas.id = 'live-image-canvas';
    var ctx = canvas.getContext('2d');
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
    el.textContent = '';
    el.appendChild(canvas);
    el.dataset.rendered = 'true';
    return Promise.resolve();
  }

  // Every class (LR beside the CNN for digits); the 20 most probable when the model has more classes.
  function scoresSpec(reply) {
    var lr = LR ? softmax(reply.lrScores) : null;
    var order = reply.probabilities.map(function (_, k) { return k; });
    if (order.length > 20) order = order.sort(function (a, b) { return reply.probabilities[b] - reply.probabilities[a]; }).slice(0, 20);
    var values = [];
    var model = LR ? 'CNN' : 'model';
    order.forEach(function (k) {
      values.push({ digit: className(k), model: model, probability: reply.probabilities[k] });
      if (lr) values.push({ digit: className(k), model: 'logistic regression (softmax of template scores)', probability: lr[k] });
    });
    var title = order.length < reply.probabilities.length ? 'class probabilities (top ' + order.length + ')' : 'class probabilities';
    return { $schema: SCHEMA, title: title, data: { values: values }, width: { step: LR ? 36 : 24 }, height: 200,
      mark: 'bar', encoding: { x: { field: 'digit', type: 'ordinal', title: LR ? 'digit' : 'class', sort: null, axis: { labelAngle: LR ? 0 : -45 } },
        xOffset: { field: 'model' }, y: { field: 'probability', type: 'quantitative', scale: { domain: [0, 1] } },
        color: { field: 'model', type: 'nominal', legend: { orient: 'bottom', title: null } },
        tooltip: [{ field: 'model' }, { field: 'digit', title: 'class' }, { field: 'probability', type: 'quantitative', format: '.3f' }] } };
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
  if (canvas) {
    canvas.width = Math.round(W * 224 / Math.max(H, W));
    canvas.height = Math.round(H * 224 / Math.max(H, W));
  }

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
    small.width = W;
    small.height = H;
    var sctx = small.getContext('2d');
    var img = sctx.createImageData(W, H);
    for (var i = 0; i < H * W; i++) {
      var base = rgbAt(reply.pixels, i);
      var c = overlayColour(values[i], scale, signed);
      var alpha = 0.85 * c[3];
      img.data[4 * i] = Math.round(base[0] * (1 - alpha) + c[0] * alpha);
      img.data[4 * i + 1] = Math.round(base[1] * (1 - alpha) + c[1] * alpha);
      img.data[4 * i + 2] = Math.round(base[2] * (1 - alpha) + c[2] * alpha);
      img.data[4 * i + 3] = 255;
    }
    sctx.putImageData(img, 0, 0);
    var ctx = canvas.getContext('2d');
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
    document.getElementById('live-attribution-caption').textContent = a.method + ' for class ' + className(a.target);
    document.getElementById('live-attribution-legend').textContent = (H + '×' + W + ' map, channels summed; ') + (signed
      ? 'red raises the class logit, blue lowers it; values in [' + min.toPrecision(3) + ', ' + max.toPrecision(3) + ']'
      : 'orange: attribution ≥ 0, up to ' + max.toPrecision(3));
    canvas.dataset.method = a.method;
    canvas.dataset.target = String(a.target);
    canvas.dataset.state = 'drawn';
  }

  function show(reply) {
    var head;
    if (LR) {
      head = 'CNN predicts ' + reply.prediction + ' (p = ' + reply.probabilities[reply.prediction].toFixed(3) +
        '), logistic regression predicts ' + argmax(reply.lrScores) + (reply.label === null ? '' : ', label ' + reply.label);
    } else {
      head = (reply.file ? reply.file + ': ' : '') + 'the model predicts ' + className(reply.prediction) +
        ' (p = ' + reply.probabilities[reply.prediction].toFixed(3) + ')' +
        (reply.label === null ? '' : ', label ' + className(reply.label));
    }
    summary.textContent = head + ' — ' + reply.ms + ' ms';
    var picture = C !== 1 || H * W > 4096;
    var parts = [['live-scores', scoresSpec(reply)]];
    if (!picture) parts.push(['live-digit', digitSpec(reply.pixels)]);
    if (reply.activations.length > 0) parts.push(['live-activations', activationsSpec(reply)]);
    else document.getElementById('live-activations').textContent = '';
    if (canvas && reply.attribution) drawOverlay(reply);
    var drawn = parts.map(function (p) { return draw(document.getElementById(p[0]), p[1]); });
    if (picture) drawn.push(paintImage(document.getElementById('live-digit'), reply.pixels));
    return Promise.all(drawn).then(function () { summary.dataset.state = 'done'; });
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
    summary.textContent = 'computing ' + (LR ? 'digit ' : 'image ') + input.value + '…';
    if (imageSelect && imageSelect.querySelector('option[value="' + index + '"]')) imageSelect.value = String(index);
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
  if (imageSelect) imageSelect.addEventListener('change', function () { input.value = imageSelect.value; compute(); });
  if (targetSelect) targetSelect.addEventListener('change', compute);
})();
`;
