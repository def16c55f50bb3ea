// The report's inline stylesheet: readable on screen, A4 in print; tables in APA style (horizontal rules only,
// numbered italic titles above, notes below). System fonts only, so the file needs nothing from outside.
export const reportStyle = `
@page { size: A4; margin: 18mm 16mm; }
:root { color: #1f2933; background: #fff; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  max-width: 760px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 .75rem; padding-top: .5rem; border-top: 2px solid #1d3557; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.meta { color: #52606d; font-size: .9rem; margin: 0; }
nav ol { padding-left: 1.25rem; font-size: .95rem; }
a { color: #1d3557; }
figure { margin: 1.5rem 0; break-inside: avoid; }
figcaption { margin-bottom: .4rem; line-height: 1.35; }
figcaption em { font-style: italic; }
table { border-collapse: collapse; border-top: 1.5px solid #1f2933; border-bottom: 1.5px solid #1f2933;
  font-variant-numeric: tabular-nums; font-size: .9rem; }
thead th { border-bottom: 1px solid #1f2933; font-weight: 600; }
th, td { padding: .2rem .7rem; text-align: left; vertical-align: top; }
th.num, td.num { text-align: right; white-space: nowrap; }
.note { font-size: .85rem; color: #3e4c59; margin: .4rem 0 0; }
.chart svg { display: block; max-width: 100%; height: auto; }
dl.spec { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 1rem; }
dl.spec dt { color: #52606d; }
dl.spec dd { margin: 0; }
ul.warnings { border-left: 4px solid #b54708; background: #fffaeb; padding: .5rem .75rem .5rem 1.75rem; }
pre { background: #f5f7fa; border: 1px solid #e4e7eb; padding: .6rem .8rem; overflow-x: auto; font-size: .82rem;
  white-space: pre-wrap; word-break: break-word; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  nav { display: none; }
  h2 { break-before: page; }
  section#data h2 { break-before: auto; }
}
`;
