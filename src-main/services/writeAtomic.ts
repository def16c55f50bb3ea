// Writes a file (a project, a report) atomically: a temp file beside the target, then rename, so a crash mid-write
// never leaves half a file and an old file stays as it was; a failure says what happened in words.
import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../src-shared/api.ts';

export async function writeFileAtomic(path: string, data: string | Uint8Array, what: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temp, data, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ApiError(
      'failed',
      `${basename(path)}: the ${what} could not be saved (${reason}). Choose another folder.`,
    );
  }
}

/** `report` -> `report.html`; a path that already ends in the extension (any case) is kept. */
export function withExtension(path: string, extension: string): string {
  return path.toLowerCase().endsWith(extension) ? path : `${path}${extension}`;
}
