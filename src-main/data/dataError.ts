// The one error every reader throws for bad input: it names the file, the place (row, column) and what to do,
// so the CLI can print it as a single line and the app can show it without a stack trace.
import { basename } from 'node:path';

export interface DataErrorPlace {
  /** Where in the file, as the user would find it: "line 12", "row 7", "case 31". */
  row?: string;
  column?: string;
}

export class DataError extends Error {
  override readonly name = 'DataError';
  readonly file: string;
  readonly row: string | undefined;
  readonly column: string | undefined;

  constructor(file: string, problem: string, remedy: string, place: DataErrorPlace = {}) {
    const where = [place.row, place.column === undefined ? undefined : `column "${place.column}"`]
      .filter((p) => p !== undefined)
      .join(', ');
    super(`${basename(file)}${where ? `, ${where}` : ''}: ${problem}. ${remedy}`);
    this.file = file;
    this.row = place.row;
    this.column = place.column;
  }
}
