// The case data of an SPSS system file: uncompressed (8-byte units), bytecode-compressed (blocks of 8 command
// bytes: 1..251 the number code - bias, 253 a literal unit, 254 eight spaces, 255 system-missing, 252 end,
// 0 padding), or zsav (zlib blocks listed in a trailer, holding the bytecode stream).
import { inflateSync } from 'node:zlib';
import { ByteCursor, Truncated } from '../byteCursor.ts';
import type { SavDictionary } from './savDictionary.ts';

/** Per segment: numbers (system-missing as NaN) or the raw bytes of each string as a latin1 JS string. */
export type SavSegmentData = Float64Array | string[];

export interface SavCases {
  ncases: number;
  data: SavSegmentData[];
}

export class CasesTruncated extends Error {
  constructor(readonly completeCases: number) {
    super(`the data end after case ${completeCases}`);
  }
}

export function readSavCases(bytes: Uint8Array, dict: SavDictionary): SavCases {
  const stream = dict.compression === 2 ? inflateZsav(bytes, dict) : bytes.subarray(dict.dataStart);
  const caseBytes = dict.caseSlots * 8;
  const caseUnits = Buffer.alloc(caseBytes);
  const caseView = new DataView(caseUnits.buffer, caseUnits.byteOffset, caseBytes);
  const le = dict.littleEndian;
  const expected = dict.ncases;
  // A damaged or hostile header may claim billions of cases: never allocate more than the data bytes can hold (an
  // uncompressed case takes caseBytes, a compressed one at least one command byte).
  const possible = dict.compression === 0 ? Math.floor(stream.length / Math.max(1, caseBytes)) : stream.length * 8;
  let capacity = expected >= 0 ? Math.min(expected, possible) : 1024;
  const segments = dict.segments;
  let data: SavSegmentData[] = segments.map((s) => (s.width === 0 ? new Float64Array(capacity) : []));

  // One case into caseUnits; false at a clean end of data.
  let pos = 0;
  let commands = 0;
  let command = 8;
  const nextCase =
    dict.compression === 0
      ? (): boolean => {
          if (pos === stream.length) return false;
          if (pos + caseBytes > stream.length) throw new Truncated(pos);
          caseUnits.set(stream.subarray(pos, pos + caseBytes));
          pos += caseBytes;
          return true;
        }
      : (): boolean => {
          for (let slot = 0; slot < dict.caseSlots;) {
            if (command === 8) {
              if (pos === stream.length && slot === 0) return false;
              if (pos + 8 > stream.length) throw new Truncated(pos);
              commands = pos;
              pos += 8;
              command = 0;
            }
            const code = stream[commands + command++]!;
            if (code === 0) continue;
            if (code === 252) {
              if (slot === 0) return false;
              throw new Truncated(pos);
            }
            if (code === 253) {
              if (pos + 8 > stream.length) throw new Truncated(pos);
              caseUnits.set(stream.subarray(pos, pos + 8), slot * 8);
              pos += 8;
            } else if (code === 254) caseUnits.fill(0x20, slot * 8, slot * 8 + 8);
            else caseView.setFloat64(slot * 8, code === 255 ? dict.sysmis : code - dict.bias, le);
            slot++;
          }
          return true;
        };

  let n = 0;
  for (; expected < 0 || n < expected; n++) {
    let more: boolean;
    try {
      more = nextCase();
    } catch (e) {
      if (e instanceof Truncated) throw new CasesTruncated(n);
      throw e;
    }
    if (!more) break;
    if (n === capacity) {
      capacity *= 2;
      data = data.map((d) => (d instanceof Float64Array ? grow(d, capacity) : d));
    }
    for (let k = 0; k < segments.length; k++) {
      const s = segments[k]!;
      const out = data[k]!;
      if (out instanceof Float64Array) {
        const v = caseView.getFloat64(s.slot * 8, le);
        out[n] = v === dict.sysmis ? NaN : v;
      } else {
        out.push(caseUnits.toString('latin1', s.slot * 8, s.slot * 8 + s.width));
      }
    }
  }
  if (expected >= 0 && n < expected) throw new CasesTruncated(n);
  return { ncases: n, data: data.map((d) => (d instanceof Float64Array ? d.subarray(0, n) : d)) };
}

function grow(a: Float64Array, capacity: number): Float64Array {
  const b = new Float64Array(capacity);
  b.set(a);
  return b;
}

/** The bytecode stream of a zsav: the zlib blocks the trailer lists, inflated and joined. */
function inflateZsav(bytes: Uint8Array, dict: SavDictionary): Uint8Array {
  const header = new ByteCursor(bytes.subarray(dict.dataStart), dict.littleEndian);
  header.skip(8);
  const trailerAt = header.i64();
  const trailer = new ByteCursor(bytes.subarray(trailerAt), dict.littleEndian);
  trailer.skip(16 + 4);
  const blocks = trailer.i32();
  const parts: Uint8Array[] = [];
  for (let b = 0; b < blocks; b++) {
    trailer.skip(8);
    const at = trailer.i64();
    const inflatedSize = trailer.i32();
    const size = trailer.i32();
    if (at + size > bytes.length || inflatedSize < 0) throw new CasesTruncated(0);
    // Inflate no more than the block declares, so a small file cannot expand into gigabytes.
    parts.push(inflateSync(bytes.subarray(at, at + size), { maxOutputLength: Math.max(1, inflatedSize) }));
  }
  return Buffer.concat(parts);
}
