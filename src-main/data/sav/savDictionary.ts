// The header and dictionary of an SPSS system file (.sav, .zsav), read to the public format description
// (PSPP's "System File Format"): record types 1 (header), 2 (variables), 3/4 (value labels), 6 (documents),
// 7 (extensions), 999 (end). Texts stay raw bytes here: their encoding is only known at the end (subtype 20).
import { ByteCursor } from '../byteCursor.ts';

/** One type-2 record that is not a continuation: a numeric variable, a string, or a segment of a very long string. */
export interface SavSegment {
  /** Index of its first 8-byte unit within a case. */
  slot: number;
  /** 0 for numeric, else the string width in bytes (1..255). */
  width: number;
  shortName: string;
  label: Uint8Array | undefined;
  /** n_missing_values: 1..3 discrete values, -2 a range, -3 a range and one discrete value. */
  missingCode: number;
  /** The missing values as raw 8-byte units (numbers in the file's byte order, or string bytes). */
  missingRaw: Uint8Array[];
}

export interface SavValueLabelSet {
  /** 1-based dictionary indices (counting continuation records) of the variables the labels apply to. */
  indices: number[];
  labels: { value: Uint8Array; label: Uint8Array }[];
}

export interface SavDictionary {
  littleEndian: boolean;
  /** 0 none, 1 bytecode, 2 zlib (zsav). */
  compression: number;
  bias: number;
  /** Number of cases, or -1 when the writer did not know it. */
  ncases: number;
  /** 8-byte units per case. */
  caseSlots: number;
  segments: SavSegment[];
  valueLabels: SavValueLabelSet[];
  sysmis: number;
  /** Subtype 20's encoding name, or subtype 3's code page. */
  encodingName: string | undefined;
  codePage: number | undefined;
  /** Subtype 13, 14, 21, 22 payloads. */
  longNames: Uint8Array | undefined;
  veryLongStrings: Uint8Array | undefined;
  longStringLabels: Uint8Array[];
  longStringMissing: Uint8Array[];
  /** Offset of the first byte after the dictionary-termination record. */
  dataStart: number;
}

const latin1 = new TextDecoder('windows-1252');
const ascii = (bytes: Uint8Array) => latin1.decode(bytes).replace(/[\s\0]+$/, '');

export class SavFormatError extends Error {}

export function readSavDictionary(bytes: Uint8Array): SavDictionary {
  const c = new ByteCursor(bytes);
  const magic = ascii(c.take(4));
  if (magic !== '$FL2' && magic !== '$FL3') throw new SavFormatError('it does not start with an SPSS signature');
  c.skip(60);
  const layout = c.view.getInt32(c.pos, true);
  c.littleEndian = layout === 2 || layout === 3;
  c.skip(4);
  const nominalSlots = c.i32();
  const compression = c.i32();
  c.skip(4); // weight index
  const ncases = c.i32();
  const bias = c.f64();
  c.skip(9 + 8 + 64 + 3);

  const dict: SavDictionary = {
    littleEndian: c.littleEndian,
    compression,
    bias,
    ncases,
    caseSlots: 0,
    segments: [],
    valueLabels: [],
    sysmis: -Number.MAX_VALUE,
    encodingName: undefined,
    codePage: undefined,
    longNames: undefined,
    veryLongStrings: undefined,
    longStringLabels: [],
    longStringMissing: [],
    dataStart: 0,
  };
  let slots = 0;
  for (;;) {
    const type = c.i32();
    if (type === 2) {
      const width = c.i32();
      const hasLabel = c.i32();
      const missingCode = c.i32();
      c.skip(8); // print and write formats
      const shortName = ascii(c.take(8));
      const label = hasLabel === 1 ? c.take(c.i32()) : undefined;
      if (label) c.skip((4 - (label.length % 4)) % 4);
      const missingRaw = Array.from({ length: Math.abs(missingCode) }, () => c.take(8));
      slots++;
      if (width >= 0) dict.segments.push({ slot: slots - 1, width, shortName, label, missingCode, missingRaw });
    } else if (type === 3) {
      const count = c.i32();
      const labels = Array.from({ length: count }, () => {
        const value = c.take(8);
        const length = c.u8();
        const label = c.take(length);
        c.skip((8 - ((length + 1) % 8)) % 8);
        return { value, label };
      });
      if (c.i32() !== 4) throw new SavFormatError('a value-label record is not followed by its variable list');
      const n = c.i32();
      dict.valueLabels.push({ indices: Array.from({ length: n }, () => c.i32()), labels });
    } else if (type === 6) {
      c.skip(80 * c.i32());
    } else if (type === 7) {
      readExtension(c, dict);
    } else if (type === 999) {
      c.skip(4);
      break;
    } else {
      throw new SavFormatError(`unknown dictionary record type ${type} at byte ${c.pos - 4}`);
    }
  }
  dict.caseSlots = nominalSlots > 0 ? nominalSlots : slots;
  dict.dataStart = c.pos;
  return dict;
}

function readExtension(c: ByteCursor, dict: SavDictionary): void {
  const subtype = c.i32();
  const size = c.i32();
  const count = c.i32();
  const data = c.take(size * count);
  const d = new ByteCursor(data, c.littleEndian);
  switch (subtype) {
    case 3:
      d.skip(7 * 4);
      dict.codePage = d.i32();
      break;
    case 4:
      dict.sysmis = d.f64();
      break;
    case 13:
      dict.longNames = data;
      break;
    case 14:
      dict.veryLongStrings = data;
      break;
    case 16:
      if (dict.ncases < 0) {
        d.skip(8);
        dict.ncases = d.i64();
      }
      break;
    case 20:
      dict.encodingName = ascii(data);
      break;
    case 21:
      dict.longStringLabels.push(data);
      break;
    case 22:
      dict.longStringMissing.push(data);
      break;
  }
}
