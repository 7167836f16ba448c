/** Charts of attribution-localization: trained vs controls per judged score, and images with their maps and masks. */
import { controlComparison, imageGallery, type GalleryImage } from '@openbox/charts';
import type { ControlJudgement } from '../controls/judge-against-controls.js';
import type { ChartEntry } from '../results-format.js';
import { galleryOf, round4 } from './image-rows.js';
import { PATTERN_SIZE, type PatternSet } from './pattern-cnn.js';

const SHOWN = 6;
const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

/** One `controlComparison` per judged score; a gallery of held-out images, their bar masks and each method's map. */
export function localizationCharts(
  rows: readonly { readonly label: string; readonly own: { readonly maps: Float32Array } }[],
  judged: readonly (readonly ControlJudgement[])[],
  set: PatternSet,
  margins: { readonly pointing: number; readonly auc: number },
): ChartEntry[] {
  const comparisons = rows.flatMap((r, k) =>
    judged[k]!.map((j, i) => {
      const e = j.evidence;
      const margin = i === 0 ? margins.pointing : margins.auc;
      return {
        id: `controls-${slug(r.label)}-${i === 0 ? 'pointing' : 'auc'}`,
        title: e.metric,
        spec: controlComparison(
          [
            { label: 'trained pattern CNN', value: e.trained, role: 'trained' as const },
            ...e.controls.map((c) => ({ label: c.label, value: c.value, role: 'control' as const })),
          ],
          {
            valueTitle: i === 0 ? 'pointing-game accuracy' : 'mask ROC AUC',
            threshold: round4(Math.max(...e.controls.map((c) => c.value)) + margin),
            thresholdLabel: `strongest control + ${margin}`,
          },
        ),
      };
    }),
  );
  const s = PATTERN_SIZE;
  const shown = Math.min(SHOWN, set.n);
  const rounded = (g: GalleryImage) => ({ ...g, values: g.values.map((v) => v.map(round4)) });
  const gallery: ChartEntry = {
    id: 'maps',
    title: 'Held-out images, their bar masks, and each method’s map',
    spec: imageGallery(
      [
        ...galleryOf(
          set.images,
          shown,
          s,
          s,
          (i) => `#${i} ${set.labels[i] === 0 ? 'horizontal' : 'vertical'}`,
        ).map(rounded),
        ...galleryOf(set.mask, shown, s, s, (i) => `#${i} bar mask`),
        ...rows.flatMap((r) => galleryOf(r.own.maps, shown, s, s, (i) => `#${i} ${r.label}`).map(rounded)),
      ],
      { title: 'Images, masks and attribution maps', columns: shown, cellSize: 8, sharedScale: false },
    ),
  };
  return [...comparisons, gallery];
}
