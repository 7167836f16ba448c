/** `examplesFiles`: a dataset-examples report → per-channel PNG strips, examples.json and index.html (bytes only). */
import { imagesToPng, type DatasetExamplesReport } from '@openbox/cnn-vis';
import type { Dataset, ImageScale } from '@openbox/datasets';
import type { OutputFile } from '../attribute/write-files.js';
import { contactSheetHtml } from '../contact-sheet/contact-sheet.js';
import { fileSafe } from '../visualize/visualize-files.js';
import { toDisplay } from './display-pixels.js';
import { boxedImage, fittedCrop, tileRows, type Canvas } from './draw-strip.js';

/** Where the ranked images came from and what the run was. */
export interface ExamplesRunInfo {
  readonly model: string;
  readonly modelKind: string;
  readonly layer: string;
  readonly k: number;
  /** Images ranked (the `--limit` applied). */
  readonly ranked: number;
  /** `--images` folder, or undefined for MNIST. */
  readonly images: string | undefined;
  /** The exact preprocessing, as a sentence. */
  readonly preprocessing: string;
  readonly scale: ImageScale;
  /** Each row's file relative to the folder (`--images` only). */
  readonly files: readonly string[] | undefined;
  readonly seconds: number;
}

const png = (canvas: Canvas): Buffer => {
  const bytes = imagesToPng(canvas.data, [1, canvas.height, canvas.width, 3], { scale: 1 });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/**
 * The files of one examples run:
 * 1. `<layer>-c<k>.png` per channel: the top images left to right by activation, each upscaled with its receptive
 *    field boxed in red, and under them the receptive-field crops enlarged to the same tile size (spatial layers);
 * 2. `examples.json`: model, layer, source (folder, preprocessing, class names), per channel the ranked examples with
 *    dataset row, file (from `--images`), label and class name, activation, position and box;
 * 3. `index.html`: the contact sheet, one section per channel, each example labelled (rank, file or row, class,
 *    activation, box), the options as a table.
 * @example await writeFilesAtomic(out, examplesFiles(report, data, info));
 */
export function examplesFiles(
  report: DatasetExamplesReport,
  data: Dataset,
  info: ExamplesRunInfo,
): OutputFile[] {
  const [, h, w, c] = data.shape as [number, number, number, number];
  const size = h * w * c;
  const s = Math.max(1, Math.round(112 / Math.max(h, w)));
  const base = fileSafe(info.layer);
  const image = (index: number) =>
    toDisplay(data.features.subarray(index * size, (index + 1) * size), c, info.scale);
  const files: OutputFile[] = [];
  const sections = report.channels.map((ch, j) => {
    const list = report.examples[j]!;
    const boxed = list.map((e) => boxedImage(image(e.index), [h, w, c], s, e.crop?.box));
    const crops = list.flatMap((e) => {
      if (e.crop === undefined) return [];
      const { box } = e.crop;
      return [
        fittedCrop(toDisplay(e.crop.pixels, c, info.scale), [box.y1 - box.y0, box.x1 - box.x0, c], h * s),
      ];
    });
    const name = `${base}-c${ch}.png`;
    files.push({ name, bytes: png(tileRows(crops.length > 0 ? [boxed, crops] : [boxed], 2)) });
    const tiles = list.map((e, r) => ({
      png: png(tileRows([[boxed[r]!, ...(crops[r] === undefined ? [] : [crops[r]])]], 2)),
      alt: `${info.layer} channel ${ch} example ${r + 1}`,
      caption: [
        `#${r + 1} ${info.files?.[e.index] ?? `row ${e.index}`}`,
        `class ${data.classNames[e.label] ?? e.label}`,
        `activation ${e.activation.toPrecision(5)}`,
        ...(e.crop === undefined
          ? []
          : [`box y ${e.crop.box.y0}..${e.crop.box.y1 - 1}, x ${e.crop.box.x0}..${e.crop.box.x1 - 1}`]),
      ],
    }));
    return { channel: ch, name, list, section: { title: `${info.layer} · channel ${ch}`, tiles } };
  });
  const json = {
    command: 'openbox examples',
    model: info.model,
    modelKind: info.modelKind,
    layer: info.layer,
    k: info.k,
    ranked: info.ranked,
    source: {
      kind: info.images === undefined ? 'mnist-test' : 'images',
      ...(info.images === undefined ? {} : { images: info.images }),
      preprocessing: info.preprocessing,
      classNames: data.classNames,
    },
    seconds: info.seconds,
    channels: sections.map(({ channel, name, list }) => ({
      channel,
      file: name,
      examples: list.map((e, r) => ({
        rank: r + 1,
        index: e.index,
        ...(info.files === undefined ? {} : { file: info.files[e.index] }),
        label: e.label,
        className: data.classNames[e.label] ?? String(e.label),
        activation: e.activation,
        ...(e.position === undefined ? {} : { position: e.position }),
        ...(e.crop === undefined ? {} : { box: e.crop.box }),
      })),
    })),
  };
  files.push({ name: 'examples.json', bytes: `${JSON.stringify(json, null, 2)}\n` });
  const options: [string, string][] = [
    ['model', `${info.model} (${info.modelKind})`],
    ['layer', info.layer],
    ['channels', report.channels.join(', ')],
    ['k', String(info.k)],
    ['images ranked', String(info.ranked)],
    ['source', info.images ?? 'MNIST test digits'],
    ['preprocessing', info.preprocessing],
  ];
  const html = contactSheetHtml({
    title: `openbox examples: ${info.layer}`,
    lines: [
      `the ${info.k} images of ${info.ranked} that activate each channel most (max over positions), with the input region the maximal unit sees`,
      `${info.seconds.toFixed(1)} s`,
    ],
    options,
    sections: sections.map((x) => x.section),
  });
  files.push({ name: 'index.html', bytes: html });
  return files;
}
