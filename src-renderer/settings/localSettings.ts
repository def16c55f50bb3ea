// The window's own settings, kept in localStorage (per browser profile, or per Electron user): whether the guided tour
// has been done, the autosave delay (tests shorten it), the recent files. Storage may be unavailable (private
// windows, disabled storage): reads then give the default and writes are dropped.

export const settingKeys = {
  tourDone: 'mixedml.tourDone',
  /** Milliseconds from the last change to the autosave; read once at start. */
  autosaveDelayMs: 'mixedml.autosaveDelayMs',
  recent: 'mixedml.recent',
} as const;

export function readSetting(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeSetting(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Without storage the setting lasts only for this session.
  }
}

/** A positive number from the settings, else `fallback`. */
export function readPositiveNumber(key: string, fallback: number): number {
  const value = Number(readSetting(key));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
