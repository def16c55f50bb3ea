// The one entry point for data files: checks the path, then reads by extension (.csv .tsv .txt .dat .xlsx .sav
// .zsav .dta), or by content when the extension says nothing. A file whose content contradicts its extension
// (an SPSS file named .csv) is refused with a message saying what it is.
import { extname } from 'node:path';
import type { Table } from './table.ts';
import { DataError } from './dataError.ts';
import { detectDialect } from './csvDialect.ts';
import { readCsv } from './readCsv.ts';
import { readDat } from './readDat.ts';
import { readDta } from './readDta.ts';
import { readSav } from './readSav.ts';
import { readXlsx } from './readXlsx.ts';
import { sniffFormat } from './sniffFormat.ts';
import { checkDataFile, readHead } from './textFile.ts';

export interface ReadTableOptions {
  /** Excel: sheet name, or number counting from 1. */
  sheet?: string | number;
  /** Text files and SPSS: a WHATWG encoding label that overrides the detection. */
  encoding?: string;
}

export async function readTableFile(path: string, options: ReadTableOptions = {}): Promise<Table> {
  await checkDataFile(path);
  const head = await readHead(path, 65536);
  const text = { encoding: options.encoding };
  switch (extname(path).toLowerCase()) {
    case '.csv':
    case '.tsv':
    case '.tab':
      return readCsv(path, text);
    case '.dat':
      return readDat(path, text);
    case '.txt':
      return isDelimited(head) ? readCsv(path, text) : readDat(path, text);
    case '.xlsx':
    case '.xlsm':
      return readXlsx(path, { sheet: options.sheet });
    case '.xls':
      throw new DataError(path, 'old Excel workbooks (.xls) cannot be read', 'Save it as .xlsx or CSV in Excel.');
    case '.sav':
    case '.zsav':
      return readSav(path, text);
    case '.dta':
      return readDta(path, text);
  }
  switch (sniffFormat(head)) {
    case 'xlsx':
      return readXlsx(path, { sheet: options.sheet });
    case 'sav':
    case 'zsav':
      return readSav(path, text);
    case 'dta':
      return readDta(path, text);
    case 'text':
      return isDelimited(head) ? readCsv(path, text) : readDat(path, text);
    default:
      throw new DataError(
        path,
        'this is not a data file that can be read',
        'Use CSV, tab-separated or whitespace-separated text, Excel .xlsx, SPSS .sav or Stata .dta.',
      );
  }
}

/** A .txt is delimited when the first lines split the same way on , ; tab or |; else it is whitespace-separated. */
function isDelimited(head: Uint8Array): boolean {
  const sample = new TextDecoder('windows-1252').decode(head);
  const dialect = detectDialect(sample, head.length < 65536);
  return sample.split(/\r?\n/, 1)[0]!.includes(dialect.delimiter);
}
