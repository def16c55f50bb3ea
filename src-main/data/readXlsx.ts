// Excel .xlsx -> Table with read-excel-file: one sheet (by name, or by number counting from 1 as Excel and R's
// readxl do; the first by default), its first non-empty row as the header, types inferred as for CSV. Text
// cells go through the same cell rules ("NA" is missing, "Inf" is an error in a numeric column).
import readXlsxFile, { readSheetNames } from 'read-excel-file/node';
import type { Table } from './table.ts';
import { DataError } from './dataError.ts';
import { formatAdvice, sniffFormat } from './sniffFormat.ts';
import { TableBuilder, type Cell } from './tableBuilder.ts';
import { checkDataFile, readHead } from './textFile.ts';

export interface ReadXlsxOptions {
  /** Sheet name, or number counting from 1; the first sheet when absent. */
  sheet?: string | number;
}

export async function readXlsx(file: string, options: ReadXlsxOptions = {}): Promise<Table> {
  await checkDataFile(file);
  const format = sniffFormat(await readHead(file, 8));
  if (format !== 'xlsx') {
    const advice = format === 'text' ? 'it is a text file: give it the .csv extension' : formatAdvice[format];
    throw new DataError(file, 'this is not an Excel .xlsx workbook', `By its content ${advice}.`);
  }
  let sheet: string;
  let rows: unknown[][];
  try {
    sheet = chooseSheet(file, await readSheetNames(file), options.sheet);
    rows = (await readXlsxFile(file, { sheet, trim: true })) as unknown[][];
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(
      file,
      `the workbook cannot be read (${e instanceof Error ? e.message : String(e)})`,
      'Open it in Excel and save it again as .xlsx, or export the sheet as CSV.',
    );
  }
  const cells = rows.map((row) => row.map(toCell));
  const headerIndex = cells.findIndex((row) => row.some((c) => c !== null));
  if (headerIndex < 0) {
    throw new DataError(file, `sheet "${sheet}" is empty`, 'Choose the sheet that holds the data.');
  }
  const builder = new TableBuilder(cells[headerIndex]!, {
    file,
    decimal: 'dot',
    expectedRows: cells.length - headerIndex,
    place: (row) => `row ${headerIndex + row + 2}`,
  });
  const data = cells.slice(headerIndex + 1);
  for (const row of data) builder.addCells(row);
  for (let row = 0; row < builder.backfillRows; row++) builder.backfillRow(row, data[row]!);
  return builder.finish();
}

function chooseSheet(file: string, sheets: string[], wanted: string | number | undefined): string {
  const list = sheets.map((s, k) => `${k + 1} "${s}"`).join(', ');
  if (wanted === undefined) return sheets[0]!;
  if (typeof wanted === 'number') {
    const name = Number.isInteger(wanted) ? sheets[wanted - 1] : undefined;
    if (name !== undefined) return name;
    throw new DataError(file, `there is no sheet number ${wanted}`, `Sheets are numbered from 1: ${list}.`);
  }
  const name = sheets.find((s) => s === wanted) ?? sheets.find((s) => s.toLowerCase() === wanted.toLowerCase());
  if (name !== undefined) return name;
  throw new DataError(file, `there is no sheet named "${wanted}"`, `The workbook has ${list}.`);
}

/** Dates become ISO text (a category, as a date cannot be a model input as is); TRUE/FALSE become 1/0. */
function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  return String(value);
}
