// Table -> CSV text, as R's write.csv lays it out so that readCsv (and R, pandas) read the same table back: numbers
// in JavaScript's shortest round-trip form, text always quoted (a quoted column is text to readCsv, so "007" stays
// "007"), missing values as empty cells. Written in chunks of rows, so large tables never become one string.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Column, Table } from './table.ts';

const ROWS_PER_CHUNK = 10_000;

/** The whole CSV as one string (header line included, every line ending in \n). */
export function formatCsv(table: Table): string {
  return [...csvChunks(table)].join('');
}

export async function writeCsv(table: Table, file: string): Promise<void> {
  const out = createWriteStream(file);
  // events.once rejects when the stream emits 'error' meanwhile (a folder that does not exist, a full disk), and
  // the stream emits nothing while this function runs synchronously between the awaits.
  for (const chunk of csvChunks(table)) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

function* csvChunks(table: Table): Generator<string> {
  yield `${table.columns.map((c) => headerCell(c.name)).join(',')}\n`;
  for (let start = 0; start < table.nrows; start += ROWS_PER_CHUNK) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(table.nrows, start + ROWS_PER_CHUNK); i++) {
      lines.push(table.columns.map((c) => cell(c, i)).join(','));
    }
    yield `${lines.join('\n')}\n`;
  }
}

function cell(column: Column, row: number): string {
  const v = column.values[row]!;
  if (Number.isNaN(v)) return '';
  if (column.type === 'string') return quote(column.levels![v]!);
  if (v === Infinity) return 'Inf';
  if (v === -Infinity) return '-Inf';
  return Object.is(v, -0) ? '-0' : String(v);
}

/**
 * A name is quoted when a reader could take it for something else: a number or missing token (a header of numbers
 * reads as data), or text holding the delimiter, a quote, a line break or edge blanks.
 */
function headerCell(name: string): string {
  const plain = /^[^",\r\n]*$/.test(name) && name === name.trim() && name !== '' && name !== 'NA' && name !== '.';
  return plain && Number.isNaN(Number(name)) ? name : quote(name);
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
