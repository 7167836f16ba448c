/// <reference lib="dom" />
/** Drawing the page's results on canvases: filter grid, actmax images, attribution heat maps over the images. */
import type { OwnModelResults } from '../own-model-results.js';

/** Pixels per model pixel on screen. */
const ZOOM = { filter: 8, image: 4 } as const;

/** A canvas of `w × h` pixels filled from `rgba` (length 4·w·h), shown `zoom` times larger. */
function canvasOf(
  w: number,
  h: number,
  rgba: Uint8ClampedArray<ArrayBuffer>,
  zoom: number,
): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  canvas.style.width = `${w * zoom}px`;
  canvas.style.height = `${h * zoom}px`;
  canvas.getContext('2d')!.putImageData(new ImageData(rgba, w, h), 0, 0);
  return canvas;
}

function figure(caption: string, ...content: HTMLElement[]): HTMLElement {
  const fig = document.createElement('figure');
  const cap = document.createElement('figcaption');
  cap.textContent = caption;
  fig.append(cap, ...content);
  return fig;
}

/** RGBA of an `[h, w, c]` slice at `offset`, mapped linearly from [lo, hi] to 0..255 (gray replicated). */
function rgbaOf(
  values: readonly number[],
  offset: number,
  h: number,
  w: number,
  c: number,
  lo: number,
  hi: number,
) {
  const out = new Uint8ClampedArray(h * w * 4);
  const span = hi - lo || 1;
  for (let p = 0; p < h * w; p++) {
    for (let k = 0; k < 3; k++)
      out[p * 4 + k] = ((values[offset + p * c + (c === 3 ? k : 0)]! - lo) / span) * 255;
    out[p * 4 + 3] = 255;
  }
  return out;
}

function extent(values: readonly number[], from = 0, to = values.length): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < to; i++) {
    lo = Math.min(lo, values[i]!);
    hi = Math.max(hi, values[i]!);
  }
  return [lo, hi];
}

/** One canvas per first-layer filter, weights mapped symmetrically around 0 (gray = 0) by the largest |w|. */
export function drawFilters(target: HTMLElement, results: OwnModelResults): void {
  target.replaceChildren();
  const { filters } = results;
  if (filters === null) {
    target.textContent = results.filtersNote ?? 'No filters.';
    return;
  }
  const [kh, kw, cin, cout] = filters.shape as [number, number, number, number];
  const m = Math.max(Math.abs(filters.min), Math.abs(filters.max)) || 1;
  for (let f = 0; f < cout; f++) {
    const slice: number[] = [];
    for (let i = 0; i < kh * kw * cin; i++) slice.push(filters.kernel[i * cout + f]!);
    const canvas = canvasOf(kw, kh, rgbaOf(slice, 0, kh, kw, cin, -m, m), ZOOM.filter);
    target.append(figure(`${filters.layer} #${f}`, canvas));
  }
}

/** One canvas per visualized channel, in the parameterization's range. */
export function drawActmax(target: HTMLElement, actmax: OwnModelResults['actmax']): void {
  target.replaceChildren();
  const [b, h, w, c] = actmax.shape as [number, number, number, number];
  for (let i = 0; i < b; i++) {
    const [lo, hi] = extent(actmax.images, i * h * w * c, (i + 1) * h * w * c);
    const canvas = canvasOf(w, h, rgbaOf(actmax.images, i * h * w * c, h, w, c, lo, hi), ZOOM.image);
    const value = actmax.finalValues[i]!.toPrecision(4);
    target.append(figure(`${actmax.layer} channel ${actmax.channels[i]} (objective ${value})`, canvas));
  }
}

/** Per image: the image, then each method's Σ_c |attribution| as red over the dimmed image. */
export function drawAttributions(target: HTMLElement, results: OwnModelResults): void {
  target.replaceChildren();
  const [h, w, c] = results.model.inputShape as [number, number, number];
  const size = h * w * c;
  results.images.forEach((image, n) => {
    const [lo, hi] = extent(results.inputs, n * size, (n + 1) * size);
    const base = rgbaOf(results.inputs, n * size, h, w, c, lo, hi);
    const canvases = [canvasOf(w, h, base, ZOOM.image)];
    for (const a of results.attributions) {
      const heat = new Float32Array(h * w);
      for (let p = 0; p < h * w; p++)
        for (let k = 0; k < c; k++) heat[p] = heat[p]! + Math.abs(a.values[n * size + p * c + k]!);
      const top = Math.max(...heat) || 1;
      const over = new Uint8ClampedArray(base);
      for (let p = 0; p < h * w; p++) {
        const t = heat[p]! / top;
        for (let k = 0; k < 3; k++)
          over[p * 4 + k] = (1 - t) * 0.4 * base[p * 4 + k]! + t * (k === 0 ? 255 : 0);
      }
      const canvas = canvasOf(w, h, over, ZOOM.image);
      canvas.title = a.method;
      canvases.push(canvas);
    }
    const methods = results.attributions.map((a) => a.method).join(', ');
    target.append(figure(`${image.file}: class ${image.predicted} — image, ${methods}`, ...canvases));
  });
}
