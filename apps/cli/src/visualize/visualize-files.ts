/** `visualizeFiles`: rendered jobs → the output files (PNGs, result.json, index.html) as bytes; nothing is written here. */
import { imagesToPng } from '@openbox/cnn-vis';
import type { ImageScale } from '@openbox/datasets';
import type { OutputFile } from '../attribute/write-files.js';
import { contactSheetHtml, type ContactTile } from '../contact-sheet/contact-sheet.js';
import { toDisplay } from '../examples/display-pixels.js';
import type { JobResult } from './render-jobs.js';

/** What result.json and the contact sheet say about the run besides the images. */
export interface VisualizeRunInfo {
  readonly model: string;
  readonly modelKind: string;
  readonly inputShape: readonly [number, number, number];
  readonly layer: string;
  readonly objectiveKind: string;
  /** Options as resolved (defaults applied), in the order the usage lists them. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly imagesPerUnit: number;
  readonly seconds: number;
  /** The model's input scale: images are mapped back from it to [0, 1] for the PNGs. */
  readonly scale: ImageScale;
}

/** Every output file's name is built from the layer name with anything but `[A-Za-z0-9_.-]` replaced by `_`. */
export const fileSafe = (name: string): string => name.replace(/[^A-Za-z0-9_.-]/g, '_');

/** One rendered image: which unit, its pixels and numbers. */
interface Rendered {
  readonly unit: string;
  readonly channel: number | undefined;
  readonly image: number;
  readonly pixels: Float32Array;
  readonly curve: Float32Array;
  readonly final: number;
  readonly unitValue: number;
}

function flatten(results: readonly JobResult[]): Rendered[] {
  return results.flatMap(({ job, result, unitValues }) => {
    const [, h, w, c] = result.shape;
    const size = h * w * c;
    return job.items.map((item, b) => ({
      unit: item.unit,
      channel: item.channel,
      image: item.image,
      pixels: result.images.subarray(b * size, (b + 1) * size),
      curve: result.curve[b]!,
      final: result.finalValues[b]!,
      unitValue: unitValues[b]!,
    }));
  });
}

const concat = (parts: readonly Float32Array[]): Float32Array => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) (out.set(p, o), (o += p.length));
  return out;
};

/** A Buffer view of PNG bytes (no copy). */
const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The options table rows: `--name` and the value as JSON (strings bare). */
const optionRows = (options: Readonly<Record<string, unknown>>): [string, string][] =>
  Object.entries(options).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]);

/**
 * The files of one visualize run: `<layer>.png` (every image; one row per unit when a unit has several),
 * `<layer>-c<k>.png` per channel or class (its images side by side), `result.json` (options resolved, each job's
 * exact objective name and description, per-image curves and final values, seconds, model) and `index.html`
 * (the contact sheet: every image labelled with layer, unit and final objective, the options as a table).
 * @example await writeFilesAtomic(out, visualizeFiles(results, info));
 */
export function visualizeFiles(results: readonly JobResult[], info: VisualizeRunInfo): OutputFile[] {
  const [h, w, c] = info.inputShape;
  const scale = Math.max(1, Math.round(112 / Math.max(h, w)));
  const base = fileSafe(info.layer);
  const all = flatten(results);
  const n = info.imagesPerUnit;
  const png = (images: readonly Rendered[], columns?: number): Uint8Array =>
    imagesToPng(toDisplay(concat(images.map((r) => r.pixels)), c, info.scale), [images.length, h, w, c], {
      scale,
      ...(columns === undefined ? {} : { columns }),
    });
  // 1. Units in order, each with its images.
  const units: { unit: string; channel: number | undefined; images: Rendered[] }[] = [];
  for (const r of all) {
    const last = units.at(-1);
    if (last !== undefined && last.unit === r.unit) last.images.push(r);
    else units.push({ unit: r.unit, channel: r.channel, images: [r] });
  }
  const fileOf = (u: (typeof units)[number]): string =>
    u.channel === undefined ? `${base}.png` : `${base}-c${u.channel}.png`;
  const files: OutputFile[] = [{ name: `${base}.png`, bytes: asBuffer(png(all, n > 1 ? n : undefined)) }];
  for (const u of units) {
    if (u.channel === undefined) continue;
    files.push({ name: fileOf(u), bytes: asBuffer(png(u.images, u.images.length)) });
  }
  // 2. result.json.
  const result = {
    command: 'openbox visualize',
    model: info.model,
    modelKind: info.modelKind,
    inputShape: info.inputShape,
    layer: info.layer,
    objective: info.objectiveKind,
    options: info.options,
    imagesPerUnit: n,
    seconds: info.seconds,
    curveSteps: results[0]?.result.curveSteps ?? [],
    jobs: results.map(({ job }) => ({
      label: job.label,
      objective: job.objective.name,
      description: job.objective.description,
      unitObjective: job.unitObjective.name,
      batchSize: job.batchSize,
      seed: job.seed,
    })),
    units: all.map((r) => ({
      unit: r.unit,
      ...(r.channel === undefined ? {} : { channel: r.channel }),
      image: r.image,
      file: fileOf({ unit: r.unit, channel: r.channel, images: [] }),
      objective: Array.from(r.curve),
      final: r.final,
      unitValue: r.unitValue,
    })),
  };
  files.push({ name: 'result.json', bytes: `${JSON.stringify(result, null, 2)}\n` });
  // 3. The contact sheet: one tile per image.
  const tile = (r: Rendered): ContactTile => ({
    png: png([r]),
    alt: `${info.layer} ${r.unit}${n > 1 ? ` image ${r.image}` : ''}`,
    caption: [
      `${info.layer} · ${r.unit}${n > 1 ? ` · image ${r.image}` : ''}`,
      `objective ${r.final.toPrecision(5)}`,
      ...(r.unitValue !== r.final ? [`unit alone ${r.unitValue.toPrecision(5)}`] : []),
    ],
  });
  const html = contactSheetHtml({
    title: `openbox visualize: ${info.layer} (${info.objectiveKind})`,
    lines: [
      `model: ${info.model} (${info.modelKind}, input ${info.inputShape.join('×')})`,
      ...results.map(({ job }) => `${job.label}: maximizing ${job.objective.description}`).slice(0, 4),
      ...(results.length > 4 ? [`… and ${results.length - 4} more jobs (result.json lists them all)`] : []),
      `${info.seconds.toFixed(1)} s`,
    ],
    options: optionRows(info.options),
    sections: units.map((u) => ({ title: `${info.layer} · ${u.unit}`, tiles: u.images.map(tile) })),
  });
  files.push({ name: 'index.html', bytes: html });
  return files;
}
