// A results table as data: what the screen shows, what CSV and APA HTML export, and what e2e tests read, from one
// model. Cells keep full-precision numbers; formatting happens where the table is shown or written.

/** Mean and SD over cross-validation folds (SD null for a single fold). */
export interface MeanSdCell {
  mean: number;
  sd: number | null;
}

export type TableCell = number | string | null | MeanSdCell;

export interface TableColumn {
  key: string;
  label: string;
}

export interface TableModel {
  /** Stable name for file names and test ids, e.g. 'fixed-effects'. */
  id: string;
  title: string;
  columns: TableColumn[];
  /** Row keys (for test ids) and cells in column order. */
  rows: { key: string; cells: TableCell[] }[];
  note?: string;
}

export function isMeanSd(cell: TableCell): cell is MeanSdCell {
  return typeof cell === 'object' && cell !== null;
}

/** The number a cell stands for (the mean of a mean-and-SD cell), for data-value attributes. */
export function cellValue(cell: TableCell): number | string | null {
  return isMeanSd(cell) ? cell.mean : cell;
}

/** Columns holding numbers: right-aligned on screen and in APA tables. */
export function numericColumns(table: TableModel): boolean[] {
  return table.columns.map((_, c) =>
    table.rows.some((row) => {
      const cell = row.cells[c] ?? null;
      return typeof cell === 'number' || isMeanSd(cell);
    }),
  );
}
