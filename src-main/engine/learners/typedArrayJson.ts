// Typed arrays in a learner's JSON as base64 of their bytes: a third of the size of a JSON number list and exact
// (no decimal round trip). The bytes are little-endian, the byte order of every platform the app ships for.

export function float64ToBase64(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function int32ToBase64(values: Int32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function float64FromBase64(text: unknown, what: string): Float64Array {
  const bytes = decode(text, what, Float64Array.BYTES_PER_ELEMENT);
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / Float64Array.BYTES_PER_ELEMENT);
}

export function int32FromBase64(text: unknown, what: string): Int32Array {
  const bytes = decode(text, what, Int32Array.BYTES_PER_ELEMENT);
  return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / Int32Array.BYTES_PER_ELEMENT);
}

/** A copy into a fresh ArrayBuffer: Buffer.from may return a slice of a shared pool at an unaligned offset. */
function decode(text: unknown, what: string, elementSize: number): Uint8Array {
  if (typeof text !== 'string') throw new Error(`${what}: expected a base64 string`);
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  if (bytes.byteLength % elementSize !== 0) throw new Error(`${what}: ${bytes.byteLength} bytes is not a whole array`);
  return bytes;
}
