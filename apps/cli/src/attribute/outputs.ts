/** What `openbox attribute` writes: overlay PNGs and `attributions.json` for `--out`, a summary for the terminal. */
import type { Images } from './read-images.js';
import { overlayPng } from './overlay-png.js';
import type { AttributionReport } from './report.js';
import type { OutputFile } from './write-files.js';

/** Overlays are upscaled to about this many pixels on their longer side (×8 for a 28-px digit). */
const OVERLAY_SIDE = 224;

/** The overlay of input `i`: `input-<i>-target-<t>.png`. */
export const overlayName = (i: number, target: number): string => `input-${i}-target-${target}.png`;

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
    files.push({ name: overlayName(i, report.targets[i]!), bytes });
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
    return `input ${i}: target ${target}, sum ${sum.toPrecision(4)}, max |a| ${peak.toPrecision(3)}${delta}`;
  });
}
