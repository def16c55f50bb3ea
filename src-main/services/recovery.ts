// Autosave and crash recovery: the window's unsaved work is written, exactly as projects.save writes a project
// (atomic, data embedded), to one recovery file per user. A session that ends without a save or a discard leaves the
// file behind, and the next start offers to open it.
import { mkdir, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../src-shared/api.ts';
import type { Project } from '../../src-shared/project.ts';
import { writeProjectFile } from './projects.ts';

export const recoveryFileName = 'recovery.mixedml';

/**
 * The recovery folder: MIXEDML_RECOVERY_DIR when set (tests point it at a temp folder), else `recovery` in the
 * app's per-user folder (Electron's userData), else ~/.mixedml/recovery.
 */
export function recoveryDir(appDataDir?: string): string {
  const fromEnv = process.env.MIXEDML_RECOVERY_DIR;
  if (fromEnv) return fromEnv;
  return appDataDir ? join(appDataDir, 'recovery') : join(homedir(), '.mixedml', 'recovery');
}

export class Recovery {
  readonly path: string;

  constructor(readonly dir: string) {
    this.path = join(dir, recoveryFileName);
  }

  async save(project: Project): Promise<{ savedAt: string }> {
    try {
      await mkdir(this.dir, { recursive: true });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new ApiError('failed', `the recovery folder ${this.dir} cannot be made (${reason}): autosave is off.`);
    }
    await writeProjectFile(this.path, project);
    return { savedAt: project.savedAt };
  }

  /** The file's modification time is when its work was autosaved. */
  async find(): Promise<{ path: string | null; savedAt: string | null }> {
    try {
      const info = await stat(this.path);
      return info.isFile() ? { path: this.path, savedAt: info.mtime.toISOString() } : { path: null, savedAt: null };
    } catch {
      return { path: null, savedAt: null };
    }
  }

  async discard(): Promise<void> {
    await rm(this.path, { force: true });
  }
}
