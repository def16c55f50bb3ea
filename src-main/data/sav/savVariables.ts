// From the raw dictionary to logical variables: segments of very long strings joined (subtype 14), long names
// (subtype 13), labels decoded in the file's encoding, user-missing values (record 2, and subtype 22 for long
// strings), value labels of numbers (records 3/4) and of long strings (subtype 21).
import { ByteCursor } from '../byteCursor.ts';
import type { SavDictionary, SavSegment } from './savDictionary.ts';

export interface SavVariable {
  name: string;
  label: string;
  /** 0 numeric, else the string width. */
  width: number;
  /** Indices into dict.segments whose bytes, in order, make the value (several for a very long string). */
  segments: number[];
  /** True when the (decoded, right-trimmed) value or number is user-missing. */
  isMissing: (value: number | string) => boolean;
  /** Numeric value labels: label -> code. */
  valueLabels: Record<string, number>;
  /** How many value labels the (text) variable has: the Table holds labels of numbers only, so they are reported. */
  stringValueLabels: number;
}

const codePages: Record<number, string> = { 65001: 'utf-8', 932: 'shift_jis', 936: 'gbk', 949: 'euc-kr', 950: 'big5' };

/** The TextDecoder label of the file's texts: subtype 20, else subtype 3's code page, else Windows-1252. */
export function savEncoding(dict: SavDictionary, override?: string): string {
  for (const name of [override, dict.encodingName]) {
    if (name === undefined) continue;
    try {
      return new TextDecoder(name).encoding;
    } catch {
      continue;
    }
  }
  const cp = dict.codePage;
  if (cp === undefined) return 'windows-1252';
  if (codePages[cp]) return codePages[cp];
  if (cp >= 1250 && cp <= 1258) return `windows-${cp}`;
  if (cp >= 28591 && cp <= 28605) return `iso-8859-${cp - 28590}`;
  return 'windows-1252';
}

export function savVariables(dict: SavDictionary, encoding: string): SavVariable[] {
  const decoder = new TextDecoder(encoding);
  const text = (bytes: Uint8Array | undefined) => (bytes ? decoder.decode(bytes) : '');
  const trimEnd = (s: string) => s.replace(/[ \0]+$/, '');
  const le = dict.littleEndian;
  const number = (raw: Uint8Array) => new DataView(raw.buffer, raw.byteOffset, 8).getFloat64(0, le);

  const longNames = new Map(pairs(text(dict.longNames), '\t'));
  const veryLong = new Map(pairs(text(dict.veryLongStrings).replace(/\0/g, ''), '\t'));
  const extraMissing = longStringMissing(dict, text);
  const extraLabels = longStringLabelCounts(dict, text);

  const variables: SavVariable[] = [];
  const bySlot = new Map<number, SavVariable>();
  const segs = dict.segments;
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k]!;
    const longWidth = Number(veryLong.get(s.shortName) ?? 0);
    const count = longWidth > 255 ? Math.ceil(longWidth / 252) : 1;
    const name = longNames.get(s.shortName) ?? s.shortName;
    const variable: SavVariable = {
      name,
      label: text(s.label),
      width: longWidth > 255 ? longWidth : s.width,
      segments: Array.from({ length: count }, (_, j) => k + j),
      isMissing: missingTest(s, number, (raw) => trimEnd(text(raw)), extraMissing.get(name)),
      valueLabels: {},
      stringValueLabels: extraLabels.get(name) ?? 0,
    };
    variables.push(variable);
    bySlot.set(s.slot + 1, variable);
    k += count - 1;
  }
  for (const set of dict.valueLabels) {
    for (const index of set.indices) {
      const v = bySlot.get(index);
      if (!v) continue;
      if (v.width > 0) v.stringValueLabels += set.labels.length;
      else for (const { value, label } of set.labels) v.valueLabels[text(label)] = number(value);
    }
  }
  return variables;
}

function pairs(text: string, separator: string): [string, string][] {
  return text
    .split(separator)
    .map((p) => p.split('='))
    .filter((kv): kv is [string, string] => kv.length === 2)
    .map(([k, v]) => [k.trim(), v.trim()]);
}

function missingTest(
  s: SavSegment,
  number: (raw: Uint8Array) => number,
  string: (raw: Uint8Array) => string,
  longStringValues: string[] | undefined,
): (value: number | string) => boolean {
  if (s.width > 0) {
    const values = new Set(longStringValues ?? s.missingRaw.map(string));
    return (value) => values.has(value as string);
  }
  const raw = s.missingRaw.map(number);
  const discrete = s.missingCode > 0 ? raw : s.missingCode === -3 ? raw.slice(2) : [];
  const [low, high] = s.missingCode < 0 ? [raw[0]!, raw[1]!] : [NaN, NaN];
  return (value) => ((value as number) >= low && (value as number) <= high) || discrete.includes(value as number);
}

/** Subtype 22: per long string variable, its missing values. */
function longStringMissing(dict: SavDictionary, text: (b: Uint8Array) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const data of dict.longStringMissing) {
    const c = new ByteCursor(data, dict.littleEndian);
    while (c.remaining > 0) {
      const name = text(c.take(c.i32())).trim();
      const n = c.u8();
      const length = c.i32();
      out.set(
        name,
        Array.from({ length: n }, () => text(c.take(length)).replace(/[ \0]+$/, '')),
      );
    }
  }
  return out;
}

/** Subtype 21: per long string variable, how many value labels it has. */
function longStringLabelCounts(dict: SavDictionary, text: (b: Uint8Array) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const data of dict.longStringLabels) {
    const c = new ByteCursor(data, dict.littleEndian);
    while (c.remaining > 0) {
      const name = text(c.take(c.i32())).trim();
      c.skip(4);
      const n = c.i32();
      for (let k = 0; k < n; k++) {
        c.skip(c.i32());
        c.skip(c.i32());
      }
      out.set(name, (out.get(name) ?? 0) + n);
    }
  }
  return out;
}
