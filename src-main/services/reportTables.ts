// The report's tables as plain data (reportHtml.ts renders them): the variables of a data set, and the window's tables
// of fits and cross-validations (src-shared/tables) in the report's number format.
import type { DatasetSummary } from '../../src-shared/api.ts';
import { isMeanSd, numericColumns, type TableCell, type TableModel } from '../../src-shared/tables/tableModel.ts';
import { formatNumber, type ReportTable } from './reportHtml.ts';

export function variablesTable(dataset: DatasetSummary): ReportTable {
  return {
    title: `Variables of ${dataset.name}`,
    head: ['Variable', 'Label', 'Type', 'Missing', 'Mean'],
    textColumns: 3,
    rows: dataset.variables.map((v) => [
      v.derived ? `${v.name} (derived)` : v.name,
      v.label,
      v.type === 'string' ? `text (${v.levels?.length ?? 0} values)` : 'numeric',
      String(v.n_missing),
      v.mean === null ? '' : formatNumber(v.mean),
    ]),
    note: `${dataset.nrows} rows. Missing: empty cells and declared missing values.`,
  };
}

/**
 * A table of the window (src-shared/tables) as the report prints it: numbers to four significant digits, mean (SD)
 * cells as "mean (SD)", the leading text columns left-aligned.
 */
export function reportTable(table: TableModel): ReportTable {
  const numeric = numericColumns(table);
  const textColumns = numeric.indexOf(true);
  return {
    title: table.title,
    head: table.columns.map((c) => c.label),
    rows: table.rows.map((row) => table.columns.map((_, k) => reportCell(row.cells[k] ?? null))),
    textColumns: textColumns < 0 ? table.columns.length : textColumns,
    note: table.note,
  };
}

/** Integer values (counts such as observations and iterations) print as integers, as the window shows them. */
function reportCell(cell: TableCell): string {
  if (isMeanSd(cell)) return `${formatNumber(cell.mean)} (${formatNumber(cell.sd)})`;
  if (typeof cell !== 'number') return cell ?? '';
  return Number.isInteger(cell) ? String(cell) : formatNumber(cell);
}
