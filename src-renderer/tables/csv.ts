// A table as CSV (RFC 4180): full-precision numbers, a mean-and-SD column split into two so each cell is a number.
import { isMeanSd, type TableCell, type TableModel } from '../../src-shared/tables/tableModel.ts';

export function tableToCsv(table: TableModel): string {
  const splits = table.columns.map((_, c) => table.rows.some((row) => isMeanSd(row.cells[c] ?? null)));
  const header = table.columns.flatMap((column, c) =>
    splits[c] ? [`${column.label} mean`, `${column.label} SD`] : [column.label],
  );
  const lines = [header.map(quote).join(',')];
  for (const row of table.rows) {
    const fields = table.columns.flatMap((_, c) => {
      const cell: TableCell = row.cells[c] ?? null;
      if (splits[c]) return isMeanSd(cell) ? [numberText(cell.mean), numberText(cell.sd)] : [plain(cell), ''];
      return [plain(cell)];
    });
    lines.push(fields.map(quote).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function plain(cell: TableCell): string {
  if (isMeanSd(cell)) return `${numberText(cell.mean)} (${numberText(cell.sd)})`;
  return typeof cell === 'number' ? numberText(cell) : (cell ?? '');
}

function numberText(value: number | null): string {
  return value === null || Number.isNaN(value) ? '' : String(value);
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
