// CSV / TSV / semicolon files -> Table. papaparse parses the decoded text in chunks straight into growing
// Float64Array columns (no array of row objects), so a 1,000,000 x 20 file needs little more memory than its
// numbers. Cells: see cellParser.ts; "Inf"/"NaN" in a numeric column are an error naming the row and column.
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { Table } from './table.ts';
import { detectDialect } from './csvDialect.ts';
import { DataError } from './dataError.ts';
import { TableBuilder } from './tableBuilder.ts';
import { CHUNK_BYTES, checkDataFile, decodeChunks, withTextEncoding } from './textFile.ts';

export interface ReadTextOptions {
  /** A WHATWG encoding label ("utf-8", "latin1", "windows-1252", "utf-16le"); detected when absent. */
  encoding?: string;
}

const SAMPLE_CHARS = 1 << 16;

export async function readCsv(file: string, options: ReadTextOptions = {}): Promise<Table> {
  const size = await checkDataFile(file);
  return withTextEncoding(file, options.encoding, async (encoding, fatal, warnings) => {
    const chunks = decodeChunks(file, encoding, fatal);
    const first = await chunks.next();
    const head = first.done ? '' : first.value;
    const sample = head.slice(0, SAMPLE_CHARS);
    const dialect = detectDialect(sample, size <= CHUNK_BYTES && head.length <= SAMPLE_CHARS);
    // Rows per byte of the sample, to allocate the columns once at about their final length.
    const sampleRows = sample.split('\n').length;
    const sampleBytes = (sample.length / head.length) * Math.min(size, CHUNK_BYTES);
    const expectedRows = (size / sampleBytes) * sampleRows * 1.05;
    const place = (row: number) => `row ${row + (dialect.header ? 2 : 1)}`;

    let builder: TableBuilder | undefined;
    const addRows = (rows: string[][]) => {
      let start = 0;
      if (!builder) {
        const firstRow = rows[0]!;
        if (!dialect.header) {
          warnings.push('The first row holds only numbers, so it was read as data; the columns are named V1, V2, ...');
        }
        builder = new TableBuilder(dialect.header ? firstRow : firstRow.map((_, j) => `V${j + 1}`), {
          file,
          decimal: dialect.decimal,
          expectedRows,
          place,
          textColumns: dialect.quotedText,
          warnings,
        });
        start = dialect.header ? 1 : 0;
      }
      for (let i = start; i < rows.length; i++) builder.addRow(rows[i]!);
      return true;
    };
    await parseRows(file, prepend(head, chunks), dialect.delimiter, addRows);
    if (!builder) throw new DataError(file, 'the file holds only blank lines', 'Choose the file that holds the data.');

    // Columns that turned to text after some numbers: read those rows' text again (see ColumnBuilder).
    const target = builder;
    const replay = target.backfillRows;
    if (replay > 0) {
      let row = dialect.header ? -1 : 0;
      await parseRows(file, decodeChunks(file, encoding, false), dialect.delimiter, (rows) => {
        for (const cells of rows) {
          if (row >= 0) target.backfillRow(row, cells);
          if (++row >= replay) return false;
        }
        return true;
      });
    }
    return target.finish();
  });
}

async function* prepend(head: string, rest: AsyncGenerator<string>): AsyncGenerator<string> {
  if (head !== '') yield head;
  yield* rest;
}

/** Streams `text` through papaparse; `onRows` gets each chunk's records and returns false to stop early. */
function parseRows(
  file: string,
  text: AsyncIterable<string>,
  delimiter: string,
  onRows: (rows: string[][]) => boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = Readable.from(text);
    let settled = false;
    let rowsSeen = 0;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      input.destroy();
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    Papa.parse<string[]>(input, {
      delimiter,
      skipEmptyLines: true,
      chunk: (results, parser) => {
        if (settled) return;
        try {
          const unclosed = results.errors.find((e) => e.code === 'MissingQuotes');
          if (unclosed) {
            throw new DataError(file, 'a quote opens but never closes', 'Close the quote or remove it.', {
              row: `row ${rowsSeen + (unclosed.row ?? 0) + 1}`,
            });
          }
          rowsSeen += results.data.length;
          if (results.data.length > 0 && !onRows(results.data)) {
            parser.abort();
            settle();
          }
        } catch (e) {
          settle(e);
          parser.abort();
        }
      },
      complete: () => settle(),
      error: (e) => settle(e),
    });
  });
}
