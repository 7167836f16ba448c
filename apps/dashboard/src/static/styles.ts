/** The dashboard's stylesheet, served as `/static/dashboard.css` (a string so it ships inside dist/). */

/** Hand-written CSS: a readable column, cards, verdict badges, tables, chart figures. */
export const DASHBOARD_CSS = `
:root { --fg: #1d232b; --muted: #5b6675; --line: #dde2e8; --bg: #f6f7f9; --card: #fff; --accent: #2457c5;
  --holds: #1b7f3b; --holds-bg: #e3f4e8; --not: #b42318; --not-bg: #fde8e6; --na: #6b5d00; --na-bg: #fbf3cd;
  --failed: #fff; --failed-bg: #7a1f1f; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
header.top { background: #14213d; color: #fff; padding: 10px 24px; display: flex; gap: 24px; align-items: baseline; }
header.top .brand { font-weight: 700; font-size: 18px; color: #fff; }
header.top nav a { color: #cfd8ea; margin-right: 16px; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 24px; margin: 8px 0 4px; } h2 { font-size: 18px; margin: 28px 0 10px; }
.muted { color: var(--muted); } .small { font-size: 13px; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 20px; font-size: 13px; color: var(--muted); margin: 6px 0 16px; }
.meta b { color: var(--fg); font-weight: 600; }
.counts { display: flex; gap: 10px; margin: 8px 0 18px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 14px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
.card h3 { font-size: 16px; margin: 0 0 6px; }
.claim { margin: 4px 0 8px; }
.reason { font-size: 13px; color: var(--muted); margin: 6px 0; }
.badge { display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 10px; white-space: nowrap; }
.badge[data-verdict="holds"] { color: var(--holds); background: var(--holds-bg); }
.badge[data-verdict="does-not-hold"] { color: var(--not); background: var(--not-bg); }
.badge[data-verdict="not-applicable"] { color: var(--na); background: var(--na-bg); }
.badge[data-verdict="failed"] { color: var(--failed); background: var(--failed-bg); }
table { border-collapse: collapse; font-size: 13px; background: var(--card); }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td.num { font-variant-numeric: tabular-nums; text-align: right; }
dl.highlights { display: grid; grid-template-columns: auto 1fr; gap: 0 10px; font-size: 13px; margin: 6px 0 0; }
dl.highlights dt { color: var(--muted); } dl.highlights dd { margin: 0; font-variant-numeric: tabular-nums; }
.figures { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
figure { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; max-width: 100%; overflow-x: auto; }
figcaption { font-weight: 600; font-size: 14px; margin-bottom: 6px; }
figure img { max-width: 100%; image-rendering: pixelated; display: block; }
.chart { min-height: 40px; }
ul.evidence, ul.margins { list-style: none; padding: 0; margin: 6px 0; }
ul.evidence li { margin: 2px 0; } ul.margins { font-size: 13px; } ul.margins b { font-variant-numeric: tabular-nums; }
.evidence-text { font-variant-numeric: tabular-nums; }
.mark { font-weight: 700; } .mark[data-holds="true"] { color: var(--holds); } .mark[data-holds="false"] { color: var(--not); }
.error { color: var(--not); white-space: pre-wrap; }
.pager { display: flex; gap: 16px; align-items: baseline; margin: 10px 0; font-size: 13px; color: var(--muted); }
.empty { background: var(--card); border: 1px dashed var(--line); border-radius: 8px; padding: 24px; }
form.live { display: flex; gap: 8px; align-items: center; margin: 8px 0 16px; }
form.live input[type=number] { width: 7em; padding: 4px 6px; font: inherit; }
button { font: inherit; padding: 4px 12px; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 6px; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
#live-summary { font-size: 15px; margin: 6px 0 12px; }
code { background: #eef1f5; padding: 1px 4px; border-radius: 4px; }
`;
