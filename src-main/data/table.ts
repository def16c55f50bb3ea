// The columnar Table every reader produces and every model consumes. Pure data: no I/O here.
// Numeric columns hold their values with NaN for missing; string columns hold codes into `levels`
// (sorted as R sorts factor levels) with NaN for missing, so every column is one Float64Array.

export type ColumnType = 'numeric' | 'string';

export interface Column {
  name: string;
  /** Variable label (SPSS/Stata), empty when the file has none. */
  label: string;
  type: ColumnType;
  values: Float64Array;
  /** String columns: the distinct values; `values[i]` is an index into it. */
  levels?: string[];
  /** Value labels of a numeric column (SPSS/Stata): label -> code. */
  valueLabels?: Record<string, number>;
}

export interface Table {
  /** File name the table came from, for messages. */
  source: string;
  nrows: number;
  columns: Column[];
  /** What the reader did that the user should know (a column read as text, an encoding guessed). */
  warnings?: string[];
}

export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** The text of cell `row` as a user would read it (level, number, or '' for missing). */
export function cellText(column: Column, row: number): string {
  const v = column.values[row]!;
  if (Number.isNaN(v)) return '';
  return column.type === 'string' ? column.levels![v]! : String(v);
}
