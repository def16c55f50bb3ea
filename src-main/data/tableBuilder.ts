// Rows of cells -> Table, for the text and spreadsheet readers: checks the header names and the row lengths,
// infers each column's type (numeric when every non-missing cell is a number), and collects the warnings.
import { basename } from 'node:path';
import type { Table } from './table.ts';
import type { DecimalMode, DecimalState } from './cellParser.ts';
import { ColumnBuilder } from './columnBuilder.ts';
import { DataError } from './dataError.ts';

export type Cell = string | number | null;

export interface TableBuilderOptions {
  /** The path, for messages. */
  file: string;
  decimal: DecimalMode;
  /** Rows to allocate up front (an estimate from the file size keeps memory near the size of the numbers). */
  expectedRows?: number;
  /** How a user finds data row `row` (0-based) in the file: "line 12", "row 7". */
  place: (row: number) => string;
  /** Columns to read as text whatever they hold (CsvDialect.quotedText). */
  textColumns?: boolean[];
  warnings?: string[];
}

export class TableBuilder {
  readonly columns: ColumnBuilder[];
  readonly warnings: string[];
  readonly decimal: DecimalState;
  nrows = 0;

  constructor(
    header: readonly Cell[],
    private readonly options: TableBuilderOptions,
  ) {
    this.warnings = options.warnings ?? [];
    this.decimal = { mode: options.decimal };
    const names = this.checkNames(header);
    const expected = options.expectedRows ?? 1024;
    const capacity = Number.isFinite(expected) ? Math.max(16, Math.ceil(expected)) : 1024;
    this.columns = names.map(
      (name, j) => new ColumnBuilder(name, this.decimal, capacity, options.textColumns?.[j] ?? false),
    );
  }

  /** A row of text cells (CSV, .dat). */
  addRow(cells: readonly string[]): void {
    if (cells.length !== this.columns.length) this.ragged(cells.length);
    const columns = this.columns;
    for (let j = 0; j < columns.length; j++) columns[j]!.pushText(cells[j]!);
    this.nrows++;
  }

  /** A row of typed cells (spreadsheets): numbers stay numbers, null is missing. */
  addCells(cells: readonly Cell[]): void {
    if (cells.length !== this.columns.length) this.ragged(cells.length);
    this.columns.forEach((column, j) => {
      const cell = cells[j]!;
      if (cell === null) column.pushMissing();
      else if (typeof cell === 'number') column.pushNumber(cell);
      else column.pushText(cell);
    });
    this.nrows++;
  }

  /** Rows before this index must be replayed through `backfillRow` (0 when none). */
  get backfillRows(): number {
    return Math.max(0, ...this.columns.map((c) => (c.isText ? c.textFromRow : 0)));
  }

  backfillRow(row: number, cells: readonly Cell[]): void {
    for (let j = 0; j < this.columns.length; j++) {
      const column = this.columns[j]!;
      if (!column.isText || row >= column.textFromRow) continue;
      const cell = cells[j];
      column.backfill(row, cell === null || cell === undefined ? '' : String(cell));
    }
  }

  finish(): Table {
    const { file, place } = this.options;
    if (this.nrows === 0) {
      throw new DataError(file, 'the file has a header row but no data rows', 'Add the data below the header.');
    }
    for (const c of this.columns) {
      if (!c.isText && c.firstNonFinite) {
        throw new DataError(
          file,
          `"${c.firstNonFinite.text}" is not a finite number`,
          'Replace it with NA to mark it missing, or with a finite value, and read the file again.',
          { row: place(c.firstNonFinite.row), column: c.name },
        );
      }
      if (c.quotedText && c.textCells === 0 && c.numericCells > 0) {
        this.warnings.push(
          `Column "${c.name}" holds numbers in quotes, so it was read as text (categories), as the file marks it.`,
        );
      } else if (c.isText && c.numericCells > c.textCells && c.firstText) {
        this.warnings.push(
          `Column "${c.name}" was read as text: ${c.numericCells} cells are numbers but ${c.textCells} are not ` +
            `(the first at ${place(c.firstText.row)}: "${c.firstText.text}"). If it should be numeric, ` +
            'correct those cells or replace them with NA.',
        );
      }
    }
    const table: Table = {
      source: basename(file),
      nrows: this.nrows,
      columns: this.columns.map((c) => c.finish()),
    };
    if (this.warnings.length > 0) table.warnings = this.warnings;
    return table;
  }

  private checkNames(header: readonly Cell[]): string[] {
    const names = header.map((cell, j) => {
      const name = cell === null ? '' : String(cell).trim();
      if (name !== '') return name;
      this.warnings.push(`Column ${j + 1} has no name in the header; it is called V${j + 1}.`);
      return `V${j + 1}`;
    });
    const first = new Map<string, number>();
    names.forEach((name, j) => {
      const k = first.get(name);
      if (k !== undefined) {
        throw new DataError(
          this.options.file,
          `columns ${k + 1} and ${j + 1} are both named "${name}"`,
          'Give every column a different name in the header row.',
          { column: name },
        );
      }
      first.set(name, j);
    });
    return names;
  }

  private ragged(found: number): never {
    const expected = this.columns.length;
    throw new DataError(
      this.options.file,
      `expected ${expected} fields, as in the header, but found ${found}`,
      found > expected
        ? 'Check the delimiter and the quotes on that line: a value may contain the delimiter without quotes.'
        : 'Fill the empty cells of that line (with NA for a missing value) or check its quotes.',
      { row: this.options.place(this.nrows) },
    );
  }
}
