// One column growing row by row into a Float64Array while its type is inferred: numeric until a cell that is
// not a number arrives, then text (codes into levels). Rows read before the switch hold numbers, not their
// text, so the reader replays them (`backfill`) to keep "007" as "007" rather than "7".
import type { Column } from './table.ts';
import { MISSING, NON_FINITE, parseCell, TEXT, type DecimalState } from './cellParser.ts';
import { compareLevels } from './levelOrder.ts';

export interface CellNote {
  row: number;
  text: string;
}

export class ColumnBuilder {
  values: Float64Array;
  length = 0;
  isText = false;
  /** Rows before this one were read as numbers and need their text replayed once the column is text. */
  textFromRow = 0;
  numericCells = 0;
  textCells = 0;
  firstText: CellNote | undefined;
  firstNonFinite: CellNote | undefined;
  private readonly codes = new Map<string, number>();

  constructor(
    readonly name: string,
    private readonly decimal: DecimalState,
    capacity: number,
    /** The file marks this column as text (see CsvDialect.quotedText): numbers in it are categories. */
    readonly quotedText = false,
  ) {
    this.values = new Float64Array(capacity);
    this.isText = quotedText;
  }

  pushText(text: string): void {
    const row = this.nextRow();
    if (!this.isText) {
      const v = parseCell(text, this.decimal);
      if (typeof v === 'number') {
        this.values[row] = v;
        this.numericCells++;
        return;
      }
      if (v !== TEXT) {
        if (v === NON_FINITE) this.firstNonFinite ??= { row, text: text.trim() };
        this.values[row] = NaN;
        return;
      }
      this.isText = true;
      this.textFromRow = row;
    }
    this.values[row] = this.textCode(text, row);
  }

  pushNumber(v: number): void {
    const row = this.nextRow();
    this.numericCells++;
    this.values[row] = this.isText ? this.code(String(v)) : v;
  }

  pushMissing(): void {
    this.values[this.nextRow()] = NaN;
  }

  /** Second pass over a row read as a number before the column turned to text. */
  backfill(row: number, text: string): void {
    const v = parseCell(text, this.decimal);
    this.values[row] = v === MISSING ? NaN : this.code(text.trim());
  }

  finish(label = ''): Column {
    const values = this.trimmed();
    if (!this.isText) return { name: this.name, label, type: 'numeric', values };
    const levels = [...this.codes.keys()].sort(compareLevels);
    const finalCode = new Float64Array(levels.length);
    levels.forEach((level, k) => (finalCode[this.codes.get(level)!] = k));
    for (let i = 0; i < values.length; i++) {
      const c = values[i]!;
      if (c === c) values[i] = finalCode[c]!;
    }
    return { name: this.name, label, type: 'string', values, levels };
  }

  private textCode(text: string, row: number): number {
    const v = parseCell(text, this.decimal);
    if (v === MISSING) return NaN;
    if (typeof v === 'number') this.numericCells++;
    else {
      this.textCells++;
      if (v === TEXT) this.firstText ??= { row, text: text.trim() };
    }
    return this.code(text.trim());
  }

  private code(text: string): number {
    let c = this.codes.get(text);
    if (c === undefined) {
      c = this.codes.size;
      this.codes.set(text, c);
    }
    return c;
  }

  private nextRow(): number {
    if (this.length === this.values.length) {
      const grown = new Float64Array(Math.max(1024, Math.ceil(this.values.length * 1.5)));
      grown.set(this.values);
      this.values = grown;
    }
    return this.length++;
  }

  /** A view when the spare capacity is small (memory stays near the size of the numbers), else a copy. */
  private trimmed(): Float64Array {
    const n = this.length;
    return this.values.length - n <= n / 8 ? this.values.subarray(0, n) : this.values.slice(0, n);
  }
}
