// HTML building blocks of the report (services/report.ts): escaping, number formats and APA-style tables. Every
// text that comes from a user (file, column and level names, labels, formulas) goes through `escapeHtml`.

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

/** Four significant digits, as lme4's summary() prints estimates; no exponent between 1e-4 and 1e6. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'NA';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs < 1e-4 || abs >= 1e6) return x.toExponential(2);
  return x.toFixed(Math.max(0, 3 - Math.floor(Math.log10(abs))));
}

/** An APA-style table: numbered caption above, rules above and below the header and at the end, note below. */
export interface ReportTable {
  title: string;
  head: string[];
  rows: string[][];
  /** The first `textColumns` columns are text (left-aligned); the others are numbers (right-aligned). */
  textColumns?: number;
  note?: string;
}

/** Numbers tables and figures in the order they appear, as APA asks. */
export class Numbering {
  #tables = 1;
  #figures = 1;

  table(table: ReportTable): string {
    const textColumns = table.textColumns ?? 1;
    const cell = (tag: 'th' | 'td', text: string, k: number) =>
      `<${tag}${k >= textColumns ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
    const head = table.head.map((h, k) => cell('th', h, k)).join('');
    const body = table.rows.map((row) => `<tr>${row.map((c, k) => cell('td', c, k)).join('')}</tr>`).join('\n');
    const note = table.note ? `<p class="note"><em>Note.</em> ${escapeHtml(table.note)}</p>` : '';
    return (
      `<figure class="table"><figcaption><strong>Table ${this.#tables++}</strong><br><em>${escapeHtml(table.title)}` +
      `</em></figcaption>\n<table><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>${note}</figure>`
    );
  }

  /** `svg` is trusted markup (made by reportCharts.ts, where user text is escaped); title and note are text. */
  figure(svg: string, title: string, note?: string): string {
    const caption = `<figcaption><strong>Figure ${this.#figures++}</strong><br><em>${escapeHtml(title)}</em></figcaption>`;
    const after = note ? `<p class="note"><em>Note.</em> ${escapeHtml(note)}</p>` : '';
    return `<figure class="chart">${caption}\n${svg}${after}</figure>`;
  }
}
