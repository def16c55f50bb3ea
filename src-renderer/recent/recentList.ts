// The recent-files list of the toolbar's Recent menu: data files and projects opened by path, newest first, each
// path once, at most `maxRecent`. Stored as JSON; anything unreadable in storage is ignored.

export type RecentKind = 'data' | 'project';

export interface RecentEntry {
  kind: RecentKind;
  path: string;
}

export const maxRecent = 8;

export function withRecent(list: readonly RecentEntry[], entry: RecentEntry): RecentEntry[] {
  return [entry, ...withoutRecent(list, entry)].slice(0, maxRecent);
}

export function withoutRecent(list: readonly RecentEntry[], entry: RecentEntry): RecentEntry[] {
  return list.filter((e) => e.kind !== entry.kind || e.path !== entry.path);
}

export function parseRecent(text: string | null): RecentEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const entries = raw.filter(
    (e): e is RecentEntry =>
      typeof e === 'object' &&
      e !== null &&
      (e.kind === 'data' || e.kind === 'project') &&
      typeof e.path === 'string' &&
      e.path.length > 0,
  );
  return entries.reduceRight<RecentEntry[]>((list, e) => withRecent(list, { kind: e.kind, path: e.path }), []);
}

/** The file name of a path, for the menu (the full path is its tooltip). */
export function baseName(path: string): string {
  return path.split(/[/\\]/).pop() || path;
}
