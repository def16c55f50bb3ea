// A bounds-checked reader over the bytes of a binary data file, in the file's byte order. Reading past the end
// throws Truncated, which the readers turn into a DataError saying the file is incomplete.

export class Truncated extends Error {
  constructor(readonly at: number) {
    super(`the file ends at byte ${at}`);
  }
}

export class ByteCursor {
  readonly view: DataView;
  pos = 0;

  constructor(
    readonly bytes: Uint8Array,
    public littleEndian = true,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  need(n: number): number {
    if (n < 0 || this.pos + n > this.bytes.length) throw new Truncated(this.bytes.length);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  u8(): number {
    return this.bytes[this.need(1)]!;
  }

  u16(): number {
    return this.view.getUint16(this.need(2), this.littleEndian);
  }

  i32(): number {
    return this.view.getInt32(this.need(4), this.littleEndian);
  }

  u32(): number {
    return this.view.getUint32(this.need(4), this.littleEndian);
  }

  /** A 64-bit count or offset; exact up to 2^53. */
  i64(): number {
    return Number(this.view.getBigInt64(this.need(8), this.littleEndian));
  }

  f64(): number {
    return this.view.getFloat64(this.need(8), this.littleEndian);
  }

  take(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.subarray(at, at + n);
  }

  skip(n: number): void {
    this.need(n);
  }
}
