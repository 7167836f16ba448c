/** Small formatters shared by the pages: numbers, durations, verdict badges, URLs. */
import { html } from 'hono/html';
import type { VerdictStatus } from '@openbox/suite';
import type { Html } from './layout.js';

/** A metric value for people: 4 significant digits, integers as is, booleans as yes/no. */
export function formatValue(v: number | string | boolean): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}

/** Milliseconds as `850 ms`, `12.3 s` or `4 min 05 s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

const LABELS: Record<VerdictStatus | 'failed', string> = {
  holds: 'holds',
  'does-not-hold': 'does not hold',
  'not-applicable': 'not applicable',
  failed: 'failed',
};

/** A verdict badge; `data-verdict` carries the status for styling and tests. */
export function badge(status: VerdictStatus | 'failed'): Html {
  return html`<span class="badge" data-verdict="${status}">${LABELS[status]}</span>`;
}

/** URL helpers: every segment encoded. */
export const urls = {
  run: (runId: string) => `/runs/${encodeURIComponent(runId)}`,
  runsPage: (page: number) => (page === 1 ? '/runs' : `/runs?page=${page}`),
  experiment: (runId: string, id: string) =>
    `/runs/${encodeURIComponent(runId)}/experiments/${encodeURIComponent(id)}`,
  dataset: (runId: string, d: string) =>
    `/runs/${encodeURIComponent(runId)}/datasets/${encodeURIComponent(d)}`,
  chartApi: (runId: string, id: string, chartId: string) =>
    `/api/runs/${encodeURIComponent(runId)}/experiments/${encodeURIComponent(id)}/charts/${encodeURIComponent(chartId)}`,
  evidenceChartApi: (runId: string, id: string, index: number) =>
    `/api/runs/${encodeURIComponent(runId)}/experiments/${encodeURIComponent(id)}/evidence/${index}`,
  artifactApi: (runId: string, id: string, file: string) =>
    `/api/runs/${encodeURIComponent(runId)}/experiments/${encodeURIComponent(id)}/artifacts/${encodeURIComponent(file)}`,
} as const;
