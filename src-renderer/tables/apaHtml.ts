// A table as an APA-style HTML document that pastes into Word: numbered bold title, italic caption, rules above and
// below the header and at the bottom only, numbers to two decimals, a note below.
import { formatApa } from '../format/numbers.ts';
import { isMeanSd, numericColumns, type TableCell, type TableModel } from '../../src-shared/tables/tableModel.ts';

export function tableToApaHtml(table: TableModel, number = 1): string {
  const rule = '1px solid black';
  const cellStyle = "padding:2px 10px;font-family:'Times New Roman',serif;font-size:12pt;";
  const numeric = numericColumns(table);
  const align = (column: number) => (numeric[column] ? 'right' : 'left');
  const head = table.columns
    .map(
      (c, i) =>
        `<th style="${cellStyle}border-top:${rule};border-bottom:${rule};text-align:${align(i)}">${escape(c.label)}</th>`,
    )
    .join('');
  const body = table.rows
    .map((row, r) => {
      const last = r === table.rows.length - 1 ? `border-bottom:${rule};` : '';
      const cells = table.columns
        .map(
          (_, i) =>
            `<td style="${cellStyle}${last}text-align:${align(i)}">${escape(apaCell(row.cells[i] ?? null))}</td>`,
        )
        .join('');
      return `<tr>${cells}</tr>`;
    })
    .join('\n');
  const note = table.note ? `<p style="${cellStyle}"><i>Note.</i> ${escape(table.note)}</p>` : '';
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escape(table.title)}</title></head>
<body>
<p style="${cellStyle}"><b>Table ${number}</b></p>
<p style="${cellStyle}"><i>${escape(table.title)}</i></p>
<table style="border-collapse:collapse">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
${note}
</body></html>
`;
}

function apaCell(cell: TableCell): string {
  if (isMeanSd(cell)) return `${formatApa(cell.mean)} (${formatApa(cell.sd)})`;
  return typeof cell === 'number' ? formatApa(cell) : (cell ?? '');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
