/** What `openbox attribute` writes: overlay PNGs and `attributions.json` for `--out`, a summary for the terminal. */
import type { Images } from './read-images.js';
import { overlayPng } from './overlay-png.js';
import type { AttributionReport, InputDescription } from './report.js';
import type { OutputFile } from './write-files.js';

/** Overlays are upscaled to about this many pixels on their longer side (×8 for a 28-px digit). */
const OVERLAY_SIDE = 224;

/** A file-name-safe form of `text`: letters, digits, `.`, `_`, `-` kept, anything else `_`, at most 60 characters. */
const safe = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60);

/**
 * The overlay of input `i`: `input-<i>-target-<t>.png`, or with an image folder's input
 * `input-<i>-<class>-<file stem>-target-<t>.png` (names made file-safe; `i` keeps them unique).
 * @example overlayName(3, 1, { file: 'cat/001.png', class: 'cat' }) // 'input-3-cat-001-target-1.png'
 */
export function overlayName(i: number, target: number, input?: InputDescription): string {
  if (input?.file === undefined) return `input-${i}-target-${target}.png`;
  const stem = input.file
    .split('/')
    .pop()!
    .replace(/\.[^.]*$/, '');
  const cls = input.class === undefined ? '' : `${safe(input.class)}-`;
  return `input-${i}-${cls}${safe(stem)}-target-${target}.png`;
}

/**
 * One overlay PNG per input (diverging colours when any attribution is negative, else sequential ones, the same
 * for every input so they compare) and `attributions.json` (the report plus the model's name), all in memory.
 * @example await writeFilesAtomic(out, outputFiles(report, flat, images, 'model.json'));
 */
export function outputFiles(
  report: AttributionReport,
  flat: Float32Array,
  images: Images,
  model: string,
): OutputFile[] {
  const [n, h, w, c] = images.shape;
  const size = h * w * c;
  const signed = flat.some((v) => v < 0);
  const scale = Math.max(1, Math.round(OVERLAY_SIDE / Math.max(h, w)));
  const files: OutputFile[] = [];
  for (let i = 0; i < n; i++) {
    const image = images.data.subarray(i * size, (i + 1) * size);
    const bytes = overlayPng(image, flat.subarray(i * size, (i + 1) * size), [h, w, c], { signed, scale });
    files.push({ name: overlayName(i, report.targets[i]!, report.inputs?.[i]), bytes });
  }
  files.push({ name: 'attributions.json', bytes: `${JSON.stringify({ model, ...report })}\n` });
  return files;
}

/**
 * One line per input for the terminal: its target, Σ attributions, the largest |attribution| and the delta.
 * @example console.log(summaryLines(report, flat, 784).join('\n'));
 */
export function summaryLines(report: AttributionReport, flat: Float32Array, size: number): string[] {
  return report.targets.map((target, i) => {
    let sum = 0;
    let peak = 0;
    for (let j = i * size; j < (i + 1) * size; j++) {
      sum += flat[j]!;
      peak = Math.max(peak, Math.abs(flat[j]!));
    }
    const delta = report.delta === undefined ? '' : `, delta ${report.delta[i]!.toPrecision(3)}`;
    const d = report.inputs?.[i];
    const about = d === undefined ? '' : ` (${[d.file, d.class].filter((x) => x !== undefined).join(', ')})`;
    const named = d?.targetClass === undefined ? '' : ` ${d.targetClass}`;
    return `input ${i}${about}: target ${target}${named}, sum ${sum.toPrecision(4)}, max |a| ${peak.toPrecision(3)}${delta}`;
  });
}
