// Test helper: a temporary folder for the broken and generated files the reader tests make, removed afterwards.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  dir: string;
  /** Writes `content` (text as UTF-8, or raw bytes) to `name` in the folder and returns its path. */
  file(name: string, content: string | Uint8Array): string;
  /** Makes a sub-folder and returns its path. */
  folder(name: string): string;
  remove(): void;
}

export function makeTempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'mixedml-data-'));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    folder(name) {
      const path = join(dir, name);
      mkdirSync(path);
      return path;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
