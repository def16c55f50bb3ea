import { afterAll, describe, expect, it } from 'vitest';
import { readDat } from './readDat.ts';
import { DataError } from './dataError.ts';
import { findColumn, type Table } from './table.ts';
import { makeTempDir } from './testing/tempFiles.ts';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const dat = (name: string, text: string) => readDat(tmp.file(name, text));
const values = (t: Table, name: string) => {
  const c = findColumn(t, name)!;
  return Array.from(c.values, (v) => (Number.isNaN(v) ? null : c.type === 'string' ? c.levels![v] : v));
};

describe('readDat', () => {
  it('reads a whitespace-separated file with a header, like mlbook2_r.dat', async () => {
    const t = await dat(
      'mlbook2_r.dat',
      'schoolnr pupilNR_new langPOST   ses IQ_verb\n' +
        '       1           3       46 -4.73    3.13\n' +
        '       1           4       45 -17.73\t2.63\n\n' +
        '       2           5       33 -12.73  -2.37\n',
    );
    expect(t.columns.map((c) => c.name)).toEqual(['schoolnr', 'pupilNR_new', 'langPOST', 'ses', 'IQ_verb']);
    expect(t.nrows).toBe(3);
    expect(values(t, 'ses')).toEqual([-4.73, -17.73, -12.73]);
    expect(values(t, 'IQ_verb')).toEqual([3.13, 2.63, -2.37]);
  });

  it('names the columns V1..Vk when the first row is numbers', async () => {
    const t = await dat('nohead.dat', '1 2.5 3\n4 5 6\n');
    expect(t.columns.map((c) => c.name)).toEqual(['V1', 'V2', 'V3']);
    expect(values(t, 'V2')).toEqual([2.5, 5]);
    expect(t.warnings?.[0]).toMatch(/first row holds only numbers/);
  });

  it('keeps quoted fields whole, skips comment lines, reads NA and "." as missing', async () => {
    const t = await dat('quoted.txt', '# made by hand\nname score\n"Ann Lee" NA\n\'Bo\' .\nCy 3\n');
    expect(values(t, 'name')).toEqual(['Ann Lee', 'Bo', 'Cy']);
    expect(values(t, 'score')).toEqual([null, null, 3]);
  });

  it('keeps the text of numbers read before a text cell in the same column', async () => {
    const t = await dat('mixed.dat', 'id code\n1 010\n2 x\n');
    expect(values(t, 'code')).toEqual(['010', 'x']);
  });

  it('refuses ragged rows, naming the row', async () => {
    const e = await readDat(tmp.file('ragged.dat', 'a b\n1 2\n3\n')).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).message).toMatch(/^ragged\.dat, row 3: expected 2 fields, as in the header, but found 1/);
  });

  it('refuses a file with only comments and a header-only file', async () => {
    await expect(dat('comments.dat', '# nothing\n\n')).rejects.toThrow(/only blank or comment lines/);
    await expect(dat('head.dat', 'a b\n')).rejects.toThrow(/header row but no data rows/);
  });
});
