// Stata .dta, formats 117 (Stata 13), 118 (14-18) and 119 (15-18, many variables) -> Table, as haven::read_dta
// reads them: missing values (. and .a-.z) become NaN, variable labels and value labels are kept, str# and strL
// are text. The layout follows Stata's "dta" format description: tagged sections found through the <map>.
import { readFile } from 'node:fs/promises';
import type { Column, Table } from './table.ts';
import { ByteCursor, Truncated } from './byteCursor.ts';
import { DataError } from './dataError.ts';
import { compareLevels } from './levelOrder.ts';
import { formatAdvice, sniffFormat } from './sniffFormat.ts';
import { checkDataFile } from './textFile.ts';

export interface ReadDtaOptions {
  /** Overrides the text encoding (UTF-8 from format 118 on, Windows-1252 before). */
  encoding?: string;
}

// Stata's type codes of formats 117+ and the largest valid value of each integer type (larger ones are missing).
const STRL = 32768;
const numericTypes: Record<number, { bytes: number; read: (c: ByteCursor, at: number) => number }> = {
  65526: { bytes: 8, read: (c, at) => c.view.getFloat64(at, c.littleEndian) },
  65527: { bytes: 4, read: (c, at) => c.view.getFloat32(at, c.littleEndian) },
  65528: { bytes: 4, read: (c, at) => c.view.getInt32(at, c.littleEndian) },
  65529: { bytes: 2, read: (c, at) => c.view.getInt16(at, c.littleEndian) },
  65530: { bytes: 1, read: (c, at) => c.view.getInt8(at) },
};
const largestValid: Record<number, number> = {
  65526: 2 ** 1023 - 2 ** 970,
  65527: 2 ** 127 - 2 ** 103,
  65528: 2147483620,
  65529: 32740,
  65530: 100,
};

const incomplete = 'The file is incomplete: copy or save it from Stata again.';

export async function readDta(file: string, options: ReadDtaOptions = {}): Promise<Table> {
  await checkDataFile(file);
  const bytes = await readFile(file);
  const format = sniffFormat(bytes.subarray(0, 8192));
  if (format !== 'dta') {
    const old = bytes[0]! >= 0x66 && bytes[0]! <= 0x73 && (bytes[1] === 1 || bytes[1] === 2);
    if (old) {
      throw new DataError(
        file,
        `this Stata file has the old format ${bytes[0]}`,
        'Save it again from Stata 13 or newer.',
      );
    }
    const advice = format === 'text' ? 'it is a text file: give it the .csv extension' : formatAdvice[format];
    throw new DataError(file, 'this is not a Stata .dta file', `By its content ${advice}.`);
  }
  try {
    return parseDta(file, bytes, options.encoding);
  } catch (e) {
    if (e instanceof Truncated) throw new DataError(file, 'the file ends before its data do', incomplete);
    throw e;
  }
}

function parseDta(file: string, bytes: Uint8Array, encoding: string | undefined): Table {
  const c = new ByteCursor(bytes);
  const latin1 = new TextDecoder('windows-1252');
  const tag = (name: string) => {
    const text = `<${name}>`;
    if (latin1.decode(c.take(text.length)) !== text)
      throw new DataError(file, `the <${name}> section is missing`, incomplete);
  };
  tag('stata_dta');
  tag('header');
  tag('release');
  const release = Number(latin1.decode(c.take(3)));
  if (release < 117 || release > 119) {
    throw new DataError(file, `Stata format ${release} is not supported`, 'Save it again from Stata 13 or newer.');
  }
  c.skip('</release>'.length);
  tag('byteorder');
  c.littleEndian = latin1.decode(c.take(3)) === 'LSF';
  c.skip('</byteorder>'.length);
  tag('K');
  const K = release === 119 ? c.u32() : c.u16();
  c.skip('</K>'.length);
  tag('N');
  const N = release === 117 ? c.u32() : c.i64();
  c.skip('</N>'.length);

  const text = new TextDecoder(encoding ?? (release >= 118 ? 'utf-8' : 'windows-1252'));
  const cString = (raw: Uint8Array) => {
    const end = raw.indexOf(0);
    return text.decode(end < 0 ? raw : raw.subarray(0, end));
  };
  const mapAt = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('<map>');
  if (mapAt < 0) throw new Truncated(bytes.length);
  c.pos = mapAt + '<map>'.length;
  const map = Array.from({ length: 14 }, () => c.i64());
  const nameBytes = release === 117 ? 33 : 129;
  const labelBytes = release === 117 ? 81 : 321;

  c.pos = map[2]! + '<variable_types>'.length;
  const types = Array.from({ length: K }, () => c.u16());
  c.pos = map[3]! + '<varnames>'.length;
  const names = Array.from({ length: K }, () => cString(c.take(nameBytes)));
  c.pos = map[6]! + '<value_label_names>'.length;
  const labelSetNames = Array.from({ length: K }, () => cString(c.take(nameBytes)));
  c.pos = map[7]! + '<variable_labels>'.length;
  const labels = Array.from({ length: K }, () => cString(c.take(labelBytes)));
  const strls = readStrls(c, map[10]!, release, (raw) => text.decode(raw));
  const labelSets = readValueLabels(c, map[11]!, nameBytes, cString);
  const strl = strlReader(c, release, strls);

  // Rows of fixed width: str# is its width in bytes, strL an 8-byte (v, o) reference into <strls>.
  const widths = types.map((t) => (t <= 2045 ? t : t === STRL ? 8 : (numericTypes[t]?.bytes ?? 0)));
  if (widths.some((w) => w === 0)) throw new DataError(file, 'a variable has an unknown Stata type', incomplete);
  const rowBytes = widths.reduce((a, b) => a + b, 0);
  const dataStart = map[9]! + '<data>'.length;
  if (dataStart + rowBytes * N > bytes.length) {
    const done = Math.max(0, Math.floor((bytes.length - dataStart) / Math.max(1, rowBytes)));
    throw new DataError(file, `the data end after ${done} complete rows of the ${N} it announces`, incomplete, {
      row: `row ${done + 1}`,
    });
  }
  const columns: Column[] = [];
  let offset = 0;
  types.forEach((type, j) => {
    const at = (i: number) => dataStart + i * rowBytes + offset;
    const name = names[j]!;
    const label = labels[j]!;
    if (type <= 2045 || type === STRL) {
      const value = (i: number) => (type === STRL ? strl(at(i)) : cString(c.bytes.subarray(at(i), at(i) + type)));
      columns.push(textColumn(name, label, N, value));
    } else {
      const { read } = numericTypes[type]!;
      const limit = largestValid[type]!;
      const values = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        const v = read(c, at(i));
        values[i] = v > limit || v !== v ? NaN : v;
      }
      const column: Column = { name, label, type: 'numeric', values };
      const set = labelSets.get(labelSetNames[j]!);
      if (set && Object.keys(set).length > 0) column.valueLabels = set;
      columns.push(column);
    }
    offset += widths[j]!;
  });
  return { source: file.split(/[\\/]/).pop()!, nrows: N, columns };
}

/**
 * Reads the (v, o) references of strL cells as <strls> keys. 117: v and o in 4 bytes each; 118: v in 2 bytes,
 * o in 6; 119: v in 3 and o in 5 by Stata's description, but ReadStat (haven's writer) keeps 118's split, so a
 * 119 file gets the split under which its first non-empty reference is found.
 */
function strlReader(c: ByteCursor, release: number, strls: Map<string, string>): (at: number) => string {
  const le = c.littleEndian;
  const key = (at: number, vBytes: number) => {
    if (release === 117) return `${c.view.getUint32(at, le)},${c.view.getUint32(at + 4, le)}`;
    const part = (from: number, n: number) => {
      let x = 0;
      for (let k = 0; k < n; k++) x = x * 256 + c.bytes[at + (le ? from + n - 1 - k : from + k)]!;
      return x;
    };
    return le ? `${part(0, vBytes)},${part(vBytes, 8 - vBytes)}` : `${part(8 - vBytes, vBytes)},${part(0, 8 - vBytes)}`;
  };
  let vBytes = release === 119 ? 0 : 2;
  return (at) => {
    if (vBytes === 0) {
      if (key(at, 2) === '0,0') return '';
      vBytes = strls.has(key(at, 3)) ? 3 : 2;
    }
    return strls.get(key(at, vBytes)) ?? '';
  };
}

/** <strls>: "GSO", v, o, type (129 binary, 130 text with a final NUL), length, bytes. */
function readStrls(
  c: ByteCursor,
  at: number,
  release: number,
  decode: (raw: Uint8Array) => string,
): Map<string, string> {
  const out = new Map<string, string>();
  c.pos = at + '<strls>'.length;
  const gso = [0x47, 0x53, 0x4f];
  while (gso.every((b, k) => c.bytes[c.pos + k] === b)) {
    c.skip(3);
    const v = c.u32();
    const o = release === 117 ? c.u32() : c.i64();
    const kind = c.u8();
    const raw = c.take(c.u32());
    out.set(`${v},${o}`, decode(kind === 130 && raw.at(-1) === 0 ? raw.subarray(0, -1) : raw));
  }
  return out;
}

/** <value_labels>: per <lbl>, its name and the table n, txtlen, off[n], val[n], txt. */
function readValueLabels(
  c: ByteCursor,
  at: number,
  nameBytes: number,
  cString: (raw: Uint8Array) => string,
): Map<string, Record<string, number>> {
  const sets = new Map<string, Record<string, number>>();
  c.pos = at + '<value_labels>'.length;
  const lbl = [0x3c, 0x6c, 0x62, 0x6c, 0x3e];
  while (lbl.every((b, k) => c.bytes[c.pos + k] === b)) {
    c.skip(5);
    c.skip(4);
    const name = cString(c.take(nameBytes));
    c.skip(3);
    const n = c.i32();
    const textLength = c.i32();
    const offsets = Array.from({ length: n }, () => c.i32());
    const values = Array.from({ length: n }, () => c.i32());
    const txt = c.take(textLength);
    const set: Record<string, number> = {};
    offsets.forEach((o, k) => (set[cString(txt.subarray(o))] = values[k]!));
    sets.set(name, set);
    c.skip('</lbl>'.length);
  }
  return sets;
}

function textColumn(name: string, label: string, n: number, value: (i: number) => string): Column {
  const texts = Array.from({ length: n }, (_, i) => value(i));
  const levels = [...new Set(texts)].sort(compareLevels);
  const index = new Map(levels.map((l, k) => [l, k]));
  return { name, label, type: 'string', values: Float64Array.from(texts, (t) => index.get(t)!), levels };
}
