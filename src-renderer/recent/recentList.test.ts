import { describe, expect, it } from 'vitest';
import { baseName, maxRecent, parseRecent, withRecent, withoutRecent, type RecentEntry } from './recentList.ts';

const data = (path: string): RecentEntry => ({ kind: 'data', path });
const project = (path: string): RecentEntry => ({ kind: 'project', path });

describe('the recent-files list', () => {
  it('puts the newest first and lists a path once per kind', () => {
    let list = withRecent([], data('/a.csv'));
    list = withRecent(list, project('/p.mixedml'));
    list = withRecent(list, data('/a.csv'));
    expect(list).toEqual([data('/a.csv'), project('/p.mixedml')]);
    expect(withRecent(list, project('/a.csv'))).toHaveLength(3);
  });

  it(`keeps the last ${maxRecent}`, () => {
    let list: RecentEntry[] = [];
    for (let i = 0; i < 12; i++) list = withRecent(list, data(`/f${i}.csv`));
    expect(list).toHaveLength(maxRecent);
    expect(list[0]).toEqual(data('/f11.csv'));
    expect(list.at(-1)).toEqual(data('/f4.csv'));
  });

  it('drops an entry', () => {
    const list = [data('/a.csv'), project('/a.csv')];
    expect(withoutRecent(list, data('/a.csv'))).toEqual([project('/a.csv')]);
  });

  it('reads back what it stored, and ignores what it cannot read', () => {
    const list = [project('/p.mixedml'), data('C:\\d\\b.sav')];
    expect(parseRecent(JSON.stringify(list))).toEqual(list);
    expect(parseRecent(null)).toEqual([]);
    expect(parseRecent('{not json')).toEqual([]);
    expect(parseRecent('{"kind":"data"}')).toEqual([]);
    expect(
      parseRecent(JSON.stringify([{ kind: 'other', path: '/x' }, { kind: 'data', path: '' }, data('/y')])),
    ).toEqual([data('/y')]);
  });

  it('names a file by the last part of its path, with either separator', () => {
    expect(baseName('/home/me/study.mixedml')).toBe('study.mixedml');
    expect(baseName('C:\\Users\\me\\data.csv')).toBe('data.csv');
  });
});
