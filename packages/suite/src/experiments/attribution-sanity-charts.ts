/** Charts of attribution-sanity: trained vs controls per judged similarity, the cascade curves, and the maps. */
import { controlComparison, imageGallery, objectiveCurves } from '@openbox/charts';
import type { ControlJudgement } from '../controls/judge-against-controls.js';
import type { ChartEntry } from '../results-format.js';
import type { SanityMeasurement } from './attribution-sanity-measure.js';
import { galleryOf, round4 } from './image-rows.js';

const SHOWN = 4;
const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

/** One `controlComparison` per judged metric, the cascade (ρ of |Φ| per step), and digits with their maps. */
export function sanityCharts(
  measured: readonly SanityMeasurement[],
  judged: readonly (readonly ControlJudgement[])[],
  pixels: Float32Array,
  labels: readonly number[],
  margin: number,
): ChartEntry[] {
  const comparisons = measured.flatMap((m, k) =>
    judged[k]!.map((j, i) => {
      const e = j.evidence;
      const strongest = Math.max(...e.controls.map((c) => c.value));
      return {
        id: `controls-${slug(m.label)}-${i === 0 ? 'rank' : 'ssim'}`,
        title: e.metric,
        spec: controlComparison(
          [
            { label: 'independent judge CNN', value: e.trained, role: 'trained' as const },
            ...e.controls.map((c) => ({ label: c.label, value: c.value, role: 'control' as const })),
          ],
          {
            valueTitle: i === 0 ? "mean Spearman's ρ of |Φ|" : 'mean SSIM of |Φ|',
            threshold: round4(strongest + margin),
            thresholdLabel: `strongest control + ${margin}`,
          },
        ),
      };
    }),
  );
  const cascade: ChartEntry = {
    id: 'cascade',
    title:
      "Cascading randomization: Spearman's ρ of |Φ| with the trained model's maps as layers are redrawn from the top",
    spec: objectiveCurves(
      measured.map((m) => ({ unit: m.label, values: m.cascade.map((r) => round4(r.rankAbs)) })),
      { xTitle: 'layers redrawn (from the top; last = all)', yTitle: "mean Spearman's ρ of |Φ|" },
    ),
  };
  const shown = Math.min(SHOWN, labels.length);
  const gallery: ChartEntry = {
    id: 'maps',
    title: 'Digits and each method’s map (model under study)',
    spec: imageGallery(
      [
        ...galleryOf(pixels, shown, 28, 28, (i) => `digit ${labels[i]}`),
        ...measured.flatMap((m) =>
          galleryOf(m.maps, shown, 28, 28, (i) => `${m.label} #${i}`).map((g) => ({
            ...g,
            values: g.values.map((r) => r.map(round4)),
          })),
        ),
      ],
      { title: 'Digits (top row) and attribution maps', columns: shown, cellSize: 4, sharedScale: false },
    ),
  };
  return [...comparisons, cascade, gallery];
}
