// Whitespace-separated text (.dat, .txt, like mlbook2_r.dat) -> Table. Runs of spaces or tabs separate fields,
// "double" or 'single' quotes keep spaces inside a field, lines starting with # are comments. The first line
// is a header unless all its fields are numbers (then the columns are named V1..Vk, as R's read.table does).
import type { Table } from './table.ts';
import type { ReadTextOptions } from './readCsv.ts';
import { DataError } from './dataError.ts';
import { parseCell } from './cellParser.ts';
import { TableBuilder } from './tableBuilder.ts';
import { checkDataFile, decodeChunks, withTextEncoding } from './textFile.ts';

const field = /"([^"]*)"|'([^']*)'|(\S+)/g;

function splitFields(line: string): string[] {
  const fields: string[] = [];
  for (const m of line.matchAll(field)) fields.push(m[1] ?? m[2] ?? m[3]!);
  return fields;
}

/** The non-blank, non-comment lines of the text, split into fields; `visit` returns false to stop. */
async function forEachRecord(text: AsyncIterable<string>, visit: (fields: string[]) => boolean): Promise<void> {
  let partial = '';
  const take = (line: string) => {
    const t = line.trimStart();
    return t === '' || t.startsWith('#') || visit(splitFields(line));
  };
  for await (const chunk of text) {
    const lines = (partial + chunk).split(/\r\n|\n|\r/);
    partial = lines.pop()!;
    for (const line of lines) if (!take(line)) return;
  }
  take(partial);
}

export async function readDat(file: string, options: ReadTextOptions = {}): Promise<Table> {
  const size = await checkDataFile(file);
  return withTextEncoding(file, options.encoding, async (encoding, fatal, warnings) => {
    let builder: TableBuilder | undefined;
    let header = true;
    const place = (row: number) => `row ${row + (header ? 2 : 1)}`;
    await forEachRecord(decodeChunks(file, encoding, fatal), (fields) => {
      if (builder) {
        builder.addRow(fields);
        return true;
      }
      const state = { mode: 'dot' as const };
      header = !fields.every((f) => typeof parseCell(f, state) === 'number');
      builder = new TableBuilder(header ? fields : fields.map((_, j) => `V${j + 1}`), {
        file,
        decimal: 'dot',
        expectedRows: size / (fields.join(' ').length + 1),
        place,
        warnings,
      });
      if (!header) {
        warnings.push('The first row holds only numbers, so it was read as data; the columns are named V1, V2, ...');
        builder.addRow(fields);
      }
      return true;
    });
    if (!builder)
      throw new DataError(file, 'the file holds only blank or comment lines', 'Choose the file that holds the data.');

    const target = builder;
    const replay = target.backfillRows;
    if (replay > 0) {
      let row = header ? -1 : 0;
      await forEachRecord(decodeChunks(file, encoding, false), (fields) => {
        if (row >= 0) target.backfillRow(row, fields);
        return ++row < replay;
      });
    }
    return target.finish();
  });
}
