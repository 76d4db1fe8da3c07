// The report's stylesheet, inlined into the page: system fonts only (the file must work offline), one column
// that scales the charts to its width, and print-friendly colours.

/** The page's CSS. */
export const REPORT_CSS = `
:root { --text: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --fault: #e5534b; --accent: #0969da; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--text); background: #fff; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; }
header.report-header { border-bottom: 1px solid var(--line); padding-bottom: 16px; }
.eyebrow { margin: 0; color: var(--muted); font-size: 12px; letter-spacing: .06em; text-transform: uppercase; }
h1 { margin: 4px 0 6px; font-size: 28px; line-height: 1.2; }
h2 { margin: 40px 0 4px; font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { margin: 24px 0 6px; font-size: 15px; }
.description { margin: 0 0 12px; max-width: 80ch; font-size: 15px; }
dl.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 6px 20px; margin: 0; }
dl.meta div { min-width: 0; }
dl.meta dt { color: var(--muted); font-size: 12px; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
nav#report-nav { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 8px 0; background: rgba(255,255,255,.96); border-bottom: 1px solid var(--line); font-size: 13px; }
nav#report-nav a { color: var(--accent); text-decoration: none; }
nav#report-nav a:hover { text-decoration: underline; }
.lead { margin: 0 0 10px; color: var(--muted); max-width: 90ch; }
.note { color: var(--muted); font-style: italic; }
ol.narrative { padding-left: 0; list-style: none; margin: 8px 0 0; counter-reset: step; }
ol.narrative li { display: grid; grid-template-columns: 28px 80px 1fr; gap: 2px 10px; padding: 8px 0; border-bottom: 1px solid var(--soft); }
.step-number { display: inline-flex; width: 22px; height: 22px; border-radius: 50%; align-items: center; justify-content: center; background: #444c56; color: #fff; font-size: 12px; font-weight: 600; }
.step-time { color: var(--muted); font-variant-numeric: tabular-nums; }
.step-title { font-weight: 600; }
.step-text { grid-column: 3; margin: 0; max-width: 90ch; }
.watch { grid-column: 3; display: flex; flex-wrap: wrap; gap: 4px; }
.watch span { background: var(--soft); border: 1px solid var(--line); border-radius: 10px; padding: 0 8px; font-size: 12px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 6px 0 2px; font-size: 13px; }
.legend-item { display: inline-flex; align-items: center; gap: 6px; }
.legend-mark { display: inline-block; width: 14px; height: 14px; border-radius: 2px; background: var(--mark-colour); }
.legend-line { width: 20px; height: 3px; border-radius: 2px; }
.legend-dashed { width: 20px; height: 0; border-top: 2px dashed var(--mark-colour); background: none; }
.legend-band { width: 16px; background: var(--mark-colour); opacity: .25; }
.arch-name { display: inline-flex; align-items: center; gap: 6px; font-weight: 600; }
.arch-name::before { content: ""; width: 10px; height: 10px; border-radius: 2px; background: var(--arch-colour); }
svg.chart { display: block; width: 100%; height: auto; margin: 6px 0 10px; overflow: visible; font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
svg.chart .axis { color: #6e7781; font-size: 11.5px; }
svg.chart .axis .domain { stroke: #8c959f; }
svg.chart .grid { stroke: #eaeef2; }
svg.chart .axis-label { fill: var(--muted); font-size: 11.5px; }
svg.chart .series { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
svg.chart .dot { pointer-events: none; }
svg.chart .slo line { stroke-dasharray: 6 4; stroke-width: 1.2; opacity: .8; }
svg.chart .slo text { font-size: 11px; }
svg.chart .warmup rect { fill: #eaeef2; opacity: .6; }
svg.chart .warmup text { fill: var(--muted); font-size: 11px; }
svg.chart .fault-window rect, svg.chart .fault-window-rect { fill: var(--fault); opacity: .12; }
svg.chart .fault-label { fill: #a40e26; font-size: 11.5px; font-weight: 600; }
svg.chart .window-end { stroke: #a40e26; stroke-dasharray: 3 3; }
svg.chart .narrative-mark line { stroke: #444c56; stroke-dasharray: 2 3; }
svg.chart .narrative-mark circle { fill: #444c56; }
svg.chart .narrative-mark text { fill: #fff; font-size: 10.5px; font-weight: 600; }
svg.chart .hover-area { fill: transparent; cursor: crosshair; }
svg.chart .hover-rule { stroke: #444c56; stroke-width: 1; pointer-events: none; }
svg.chart .row-label text, svg.chart .row-architecture { font-size: 12.5px; font-weight: 600; }
svg.chart .segment rect { stroke: #fff; stroke-width: 1; }
svg.chart .segment-label { fill: var(--text); font-size: 11px; pointer-events: none; }
svg.chart .bar-total-value { font-weight: 600; fill: var(--text); }
svg.chart .bar-total-note { fill: var(--muted); }
svg.chart .panel-title { font-size: 12.5px; font-weight: 600; }
svg.chart .area { stroke: none; }
svg.chart .baseline { stroke: #8c959f; }
svg.chart .milestone-label { font-weight: 600; fill: var(--text); font-size: 12.5px; }
svg.chart .milestone-bar.missing { fill: none; stroke-width: 1.2; stroke-dasharray: 4 3; }
svg.chart .milestone-value { fill: var(--text); font-size: 11.5px; font-variant-numeric: tabular-nums; }
svg.chart .empty { fill: var(--muted); font-style: italic; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 13px; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: var(--soft); font-weight: 600; white-space: nowrap; }
table.figures td { font-variant-numeric: tabular-nums; }
table.figures tbody th { font-weight: 500; color: var(--muted); }
table.scorecard { width: 100%; table-layout: fixed; }
table.scorecard th:first-child { width: 130px; }
td.state { background: color-mix(in srgb, var(--state-colour) 13%, white); border-left: 4px solid var(--state-colour); }
.state-label { font-weight: 700; color: color-mix(in srgb, var(--state-colour) 75%, black); text-transform: uppercase; font-size: 12px; letter-spacing: .04em; }
.state-reason { font-size: 12.5px; margin-top: 2px; }
ul.evidence { margin: 4px 0 0; padding-left: 16px; font-size: 12px; color: var(--muted); }
ul.evidence li.failed { color: #a40e26; }
table.thresholds { width: 100%; }
table.thresholds tr.group-start td { border-top: 2px solid var(--line); }
table.thresholds .index { color: var(--muted); }
table.thresholds .check { min-width: 220px; }
table.thresholds .resolved { color: var(--muted); font-size: 12px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.note-cell { color: var(--muted); font-size: 12px; }
.verdict { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.verdict-pass { background: #dafbe1; color: #116329; }
.verdict-fail { background: #ffebe9; color: #a40e26; }
.verdict-risk { background: #fff8c5; color: #7d4e00; }
ul.statements, ul.notes, ul.violations { padding-left: 18px; max-width: 100ch; }
ul.statements li, ul.notes li { margin: 4px 0; }
.applies-to { color: var(--muted); }
ul.violations { color: #a40e26; }
.chart-error { padding: 10px 12px; border: 1px solid #ff8182; background: #ffebe9; color: #a40e26; border-radius: 6px; white-space: pre-wrap; }
.tooltip { position: absolute; z-index: 10; max-width: 460px; padding: 6px 9px; background: rgba(31,35,40,.94); color: #fff; border-radius: 5px; font-size: 12px; line-height: 1.4; pointer-events: none; }
.tooltip-title { font-weight: 600; }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 10px; }
@media print { nav#report-nav { display: none; } h2 { break-after: avoid; } svg.chart, table { break-inside: avoid; } }
`;
