// Opening a text data file: the checks every reader needs (exists, is a file, not empty, really text) and
// the encoding: a BOM decides; else UTF-8, and when the bytes are not valid UTF-8 the file is read again as
// Windows-1252 (the superset of Latin-1 that Excel and SPSS on Windows write).
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { DataError } from './dataError.ts';
import { formatAdvice, sniffFormat } from './sniffFormat.ts';

export const CHUNK_BYTES = 1 << 18;

/** Size in bytes of a readable, non-empty regular file; a DataError otherwise. */
export async function checkDataFile(file: string): Promise<number> {
  let info;
  try {
    info = await stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError(file, 'the file does not exist', 'Check the folder and the file name.');
    if (code === 'EACCES') throw new DataError(file, 'the file cannot be read', 'Check its permissions.');
    throw new DataError(file, `the file cannot be opened (${code ?? String(e)})`, 'Check the path.');
  }
  if (info.isDirectory()) {
    throw new DataError(file, 'this is a folder, not a file', 'Choose a data file inside it.');
  }
  if (!info.isFile()) throw new DataError(file, 'this is not a regular file', 'Choose a data file.');
  if (info.size === 0) {
    throw new DataError(file, 'the file is empty (0 bytes)', 'Choose the file that holds the data, or save it again.');
  }
  return info.size;
}

export async function readHead(file: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

class NotUtf8 extends Error {}

/**
 * Runs `parse` with the file's encoding. `encoding` (a WHATWG label such as "latin1" or "utf-16le") overrides
 * the detection. A parse that meets invalid UTF-8 is run again as Windows-1252, with a warning.
 */
export async function withTextEncoding<T>(
  file: string,
  encoding: string | undefined,
  parse: (encoding: string, fatal: boolean, warnings: string[]) => Promise<T>,
): Promise<T> {
  const head = await readHead(file, 8192);
  const format = sniffFormat(head);
  if (format !== 'text') {
    throw new DataError(file, 'this is not a text data file', `By its content ${formatAdvice[format]}.`);
  }
  if (encoding !== undefined) {
    try {
      new TextDecoder(encoding);
    } catch {
      throw new DataError(file, `"${encoding}" is not an encoding name`, 'Use e.g. utf-8, latin1 or windows-1252.');
    }
    return parse(encoding, false, []);
  }
  if (head[0] === 0xff && head[1] === 0xfe) return parse('utf-16le', false, []);
  if (head[0] === 0xfe && head[1] === 0xff) return parse('utf-16be', false, []);
  try {
    return await parse('utf-8', true, []);
  } catch (e) {
    if (!(e instanceof NotUtf8)) throw e;
    return parse('windows-1252', false, [
      'The file is not valid UTF-8; it was read as Windows-1252 (Latin-1). If letters look wrong, choose its encoding.',
    ]);
  }
}

/**
 * The file's text in chunks of 256 KB (small chunks keep each parsed chunk's garbage, and so the peak memory, small);
 * a BOM is dropped. `fatal`: invalid bytes throw (see withTextEncoding).
 */
export async function* decodeChunks(file: string, encoding: string, fatal: boolean): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal });
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new NotUtf8();
    }
  };
  for await (const bytes of createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
    const text = decode(bytes as Buffer);
    if (text !== '') yield text;
  }
  const rest = decode();
  if (rest !== '') yield rest;
}
