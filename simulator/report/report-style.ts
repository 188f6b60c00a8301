/** The report's inline stylesheet: one page, system fonts, prints on A4 without losing colour. */
export const REPORT_CSS = `
:root{--ink:#212529;--muted:#6c757d;--line:#dee2e6;--bg:#f1f3f5;--card:#fff;
--green:#2b8a3e;--green-bg:#ebfbee;--amber:#d9480f;--amber-bg:#fff4e6;--red:#c92a2a;--red-bg:#fff5f5;--neutral:#364fc7;--neutral-bg:#edf2ff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;-webkit-print-color-adjust:exact;print-color-adjust:exact}
main{max-width:1140px;margin:0 auto;padding:24px 24px 40px}
header h1{margin:0 0 4px;font-size:26px;line-height:1.2}
header .kicker{color:var(--muted);font-size:12px;letter-spacing:.08em;text-transform:uppercase}
header .desc{margin:6px 0 12px;max-width:900px;color:#343a40}
.meta{display:flex;flex-wrap:wrap;gap:8px;margin:0;padding:0;list-style:none}
.meta li{background:var(--card);border:1px solid var(--line);border-radius:999px;padding:3px 12px;font-size:13px}
.meta b{font-weight:600;color:var(--muted);margin-right:4px}
h2{font-size:18px;margin:28px 0 10px}
.muted{color:var(--muted);font-weight:400;font-size:14px}
.verdict{margin-top:20px;border-radius:12px;padding:14px 16px 16px;border:2px solid;background:var(--card)}
.verdict.lvl-green{border-color:var(--green)}.verdict.lvl-amber{border-color:var(--amber)}.verdict.lvl-red{border-color:var(--red)}
.verdict-head{margin:0 0 12px;font-size:19px}
.verdict.lvl-green .verdict-head{color:var(--green)}.verdict.lvl-amber .verdict-head{color:var(--amber)}.verdict.lvl-red .verdict-head{color:var(--red)}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:12px}
.card{border-radius:10px;padding:12px 14px;border-left:6px solid}
.card p{margin:4px 0}
.card.lvl-green{background:var(--green-bg);border-color:var(--green)}.card.lvl-amber{background:var(--amber-bg);border-color:var(--amber)}
.card.lvl-red{background:var(--red-bg);border-color:var(--red)}.card.lvl-neutral{background:var(--neutral-bg);border-color:var(--neutral)}
.big{font-size:30px;font-weight:700;line-height:1.15;font-variant-numeric:tabular-nums}
.lvl-green .big{color:var(--green)}.lvl-amber .big{color:var(--amber)}.lvl-red .big{color:var(--red)}.lvl-neutral .big{color:var(--neutral);font-size:24px;padding:3px 0}
.big .sep{color:var(--muted);font-weight:400}
.fine{font-size:12px;color:var(--muted)}
.verdict>.fine{margin:10px 0 0}
.figs{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.fig{margin:0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px 10px;break-inside:avoid}
.fig.wide{grid-column:1/-1}
.fig h3{margin:0 0 4px;font-size:15px}
.fig figcaption{font-size:12px;color:var(--muted);margin-top:2px}
svg.chart{display:block;width:100%;height:auto;font-family:inherit}
svg .grid{stroke:#e9ecef;stroke-width:1}
svg .axis{stroke:#868e96;stroke-width:1}
svg .tick{font-size:11px;fill:#495057;font-variant-numeric:tabular-nums}
svg .axis-title{font-size:12px;fill:#495057}
svg .legend{font-size:12px;fill:#343a40}
svg .note-bg{fill:#f8f9fa;stroke:var(--line)}
svg .note{font-size:13px;fill:var(--muted);font-style:italic}
svg .hist{fill:#74c0fc}
svg .target{stroke:var(--green);stroke-width:1.5;stroke-dasharray:6 4}
svg .target-label{font-size:11px;fill:var(--green);font-weight:600}
svg .marker{font-size:11px;font-weight:600;stroke:#fff;stroke-width:3px;paint-order:stroke}
svg .track{fill:#f1f3f5}
svg .bar{fill:#4dabf7}svg .bar-hot{fill:#e03131}
svg .bar-label{font-size:12px;fill:#343a40}svg .bar-value{font-size:12px;fill:#343a40;font-variant-numeric:tabular-nums}
svg .strong{font-weight:700;fill:#c92a2a}
svg .na{font-size:12px;fill:#adb5bd;font-style:italic}
.kpi-grid{display:grid;grid-template-columns:repeat(3,1fr);gap:12px;align-items:start}
table.kpi{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
table.kpi caption{text-align:left;font-weight:600;padding:0 0 4px 2px}
table.kpi th,table.kpi td{padding:5px 10px;border-top:1px solid #f1f3f5;font-size:13px;vertical-align:top}
table.kpi th{text-align:left;font-weight:400;color:#495057}
table.kpi td{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
footer{margin-top:28px;color:var(--muted);font-size:12px}
@media (max-width:820px){.cards,.figs,.kpi-grid{grid-template-columns:1fr}}
@media print{body{background:#fff}main{padding:0}.fig,.verdict,table.kpi{break-inside:avoid}}
`;
