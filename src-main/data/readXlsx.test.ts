import { afterAll, describe, expect, it } from 'vitest';
import { readXlsx } from './readXlsx.ts';
import { DataError } from './dataError.ts';
import { findColumn, type Table } from './table.ts';
import { makeTempDir } from './testing/tempFiles.ts';
import { xlsxWorkbook } from './testing/xlsxWorkbook.ts';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const values = (t: Table, name: string) => {
  const c = findColumn(t, name)!;
  return Array.from(c.values, (v) => (Number.isNaN(v) ? null : c.type === 'string' ? c.levels![v] : v));
};
const book = tmp.file(
  'book.xlsx',
  xlsxWorkbook({
    Pupils: [
      ['school', 'score', 'girl', 'class'],
      [1, 12.5, true, 'b'],
      [1, 'NA', false, 'A'],
      [2, null, null, '7'],
    ],
    'Schools 2024': [[], ['id', 'size'], [1, 300], [2, 250], [3, 'large']],
  }),
);

describe('readXlsx', () => {
  it('reads the first sheet by default, with types as for CSV', async () => {
    const t = await readXlsx(book);
    expect(t.source).toBe('book.xlsx');
    expect(t.nrows).toBe(3);
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([
      ['school', 'numeric'],
      ['score', 'numeric'],
      ['girl', 'numeric'],
      ['class', 'string'],
    ]);
    expect(values(t, 'score')).toEqual([12.5, null, null]);
    expect(values(t, 'girl')).toEqual([1, 0, null]);
    expect(findColumn(t, 'class')!.levels).toEqual(['7', 'A', 'b']);
  });

  it('chooses a sheet by number (from 1) or by name, the header being the first non-empty row', async () => {
    const byNumber = await readXlsx(book, { sheet: 2 });
    const byName = await readXlsx(book, { sheet: 'schools 2024' });
    for (const t of [byNumber, byName]) {
      expect(t.columns.map((c) => c.name)).toEqual(['id', 'size']);
      expect(values(t, 'size')).toEqual(['300', '250', 'large']);
      expect(t.warnings?.[0]).toMatch(
        /Column "size" was read as text: 2 cells are numbers but 1 are not \(the first at row 5: "large"\)/,
      );
    }
  });

  it('refuses a sheet that does not exist, listing the sheets', async () => {
    const e = (await readXlsx(book, { sheet: 'Teachers' }).catch((err: unknown) => err)) as DataError;
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toBe(
      'book.xlsx: there is no sheet named "Teachers". The workbook has 1 "Pupils", 2 "Schools 2024".',
    );
    await expect(readXlsx(book, { sheet: 0 })).rejects.toThrow(/no sheet number 0\. Sheets are numbered from 1/);
  });

  it('stops at Inf in a numeric column, with the Excel row number', async () => {
    const path = tmp.file('inf.xlsx', xlsxWorkbook({ S: [['x'], [1], ['Inf']] }));
    await expect(readXlsx(path)).rejects.toThrow('inf.xlsx, row 3, column "x": "Inf" is not a finite number');
  });

  it('refuses an empty sheet, duplicate names, and a file that is not a workbook', async () => {
    await expect(readXlsx(tmp.file('empty.xlsx', xlsxWorkbook({ S: [] })))).rejects.toThrow(/sheet "S" is empty/);
    await expect(
      readXlsx(
        tmp.file(
          'dup.xlsx',
          xlsxWorkbook({
            S: [
              ['a', 'a'],
              [1, 2],
            ],
          }),
        ),
      ),
    ).rejects.toThrow(/columns 1 and 2 are both named "a"/);
    await expect(readXlsx(tmp.file('text.xlsx', 'a,b\n1,2\n'))).rejects.toThrow(
      /not an Excel \.xlsx workbook\. By its content it is a text file/,
    );
    await expect(
      readXlsx(tmp.file('broken.xlsx', Buffer.from('PK\x03\x04 and then nothing', 'latin1'))),
    ).rejects.toThrow(/the workbook cannot be read/);
  });
});
