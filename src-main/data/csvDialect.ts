// The dialect of a delimited text file, guessed from its first lines: the delimiter (, ; tab |), the decimal
// separator, whether the first line is a header, and which columns the writer quoted as text.
import { MISSING, parseCell, type DecimalMode } from './cellParser.ts';

export interface CsvDialect {
  delimiter: string;
  decimal: DecimalMode;
  /** False when every cell of the first line is an unquoted number: that line is data. */
  header: boolean;
  /**
   * Columns whose every sampled value is quoted in a file that leaves other values unquoted: writers that
   * quote selectively (R's write.csv, pandas QUOTE_NONNUMERIC) quote text, so "308" there is a category.
   */
  quotedText: boolean[];
}

interface Field {
  text: string;
  quoted: boolean;
}

const candidates = [',', ';', '\t', '|'];
const dotDecimal = /^[-+]?\d*\.\d+(?:[eE][-+]?\d+)?$/;
const commaDecimal = /^[-+]?\d*,\d+(?:[eE][-+]?\d+)?$/;

/** `sample`: the first part of the file; `complete`: it is the whole file (else its last line may be cut). */
export function detectDialect(sample: string, complete: boolean): CsvDialect {
  let best = { delimiter: ',', records: splitRecords(sample, ',', complete), score: -1 };
  for (const delimiter of candidates) {
    const records = splitRecords(sample, delimiter, complete);
    const width = records[0]?.length ?? 0;
    if (width < 2) continue;
    // Consistent widths first (a decimal comma makes ',' ragged), then the most fields.
    const consistent = records.filter((r) => r.length === width).length / records.length;
    const score = (consistent === 1 ? 1e6 : consistent * 1e3) + width;
    if (score > best.score) best = { delimiter, records, score };
  }
  const { delimiter, records } = best;
  const [first = [], ...data] = records;
  return {
    delimiter,
    decimal: delimiter === ',' ? 'dot' : decimalMode(data),
    header: !first.every((f) => !f.quoted && typeof parseCell(f.text, { mode: 'undecided' }) === 'number'),
    quotedText: quotedColumns(first.length, data),
  };
}

function decimalMode(records: Field[][]): DecimalMode {
  let dots = 0;
  let commas = 0;
  for (const record of records) {
    for (const { text } of record) {
      if (dotDecimal.test(text)) dots++;
      else if (commaDecimal.test(text)) commas++;
    }
  }
  return dots > 0 ? 'dot' : commas > 0 ? 'comma' : 'undecided';
}

function quotedColumns(width: number, records: Field[][]): boolean[] {
  const present = (f: Field | undefined): f is Field =>
    f !== undefined && parseCell(f.text, { mode: 'undecided' }) !== MISSING;
  const selective = records.some((r) => r.some((f) => present(f) && !f.quoted));
  return Array.from({ length: width }, (_, j) => {
    const cells = records.map((r) => r[j]).filter(present);
    return selective && cells.length > 0 && cells.every((f) => f.quoted);
  });
}

/** RFC 4180 records of the sample (quotes doubled inside quoted fields); blank lines are skipped. */
export function splitRecords(sample: string, delimiter: string, complete: boolean): Field[][] {
  const records: Field[][] = [];
  let record: Field[] = [];
  let i = 0;
  const n = sample.length;
  const endOfField = () => i >= n || sample[i] === delimiter || sample[i] === '\n' || sample[i] === '\r';
  for (;;) {
    let text = '';
    let quoted = false;
    if (sample[i] === '"') {
      quoted = true;
      i++;
      for (; i < n; i++) {
        if (sample[i] !== '"') text += sample[i];
        else if (sample[i + 1] === '"') text += sample[++i];
        else break;
      }
      if (i >= n) break; // the quote is not closed within the sample: the record is cut
      i++;
    }
    const start = i;
    while (!endOfField()) i++;
    text += sample.slice(start, i);
    record.push({ text, quoted });
    if (i < n && sample[i] === delimiter) {
      i++;
      continue;
    }
    if (i >= n && !complete) break;
    if (record.length > 1 || record[0]!.text !== '' || record[0]!.quoted) records.push(record);
    record = [];
    if (sample[i] === '\r' && sample[i + 1] === '\n') i++;
    i++;
    if (i >= n) break;
  }
  return records;
}
