import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTableFile } from './readTableFile.ts';
import { DataError } from './dataError.ts';
import { sharedDir } from '../engine/testing/referenceCases.ts';
import { makeTempDir } from './testing/tempFiles.ts';
import { xlsxWorkbook } from './testing/xlsxWorkbook.ts';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const efc = join(sharedDir, 'datasets', 'spss', 'data_efc.sav');
const names = async (path: string, options = {}) => (await readTableFile(path, options)).columns.map((c) => c.name);

describe('readTableFile dispatch', () => {
  it('reads by extension', async () => {
    expect(await names(tmp.file('a.csv', 'x,y\n1,2\n'))).toEqual(['x', 'y']);
    expect(await names(tmp.file('a.tsv', 'x\ty\n1\t2\n'))).toEqual(['x', 'y']);
    expect(await names(tmp.file('a.dat', 'x  y\n1  2\n'))).toEqual(['x', 'y']);
    expect(await names(tmp.file('tabs.txt', 'x\ty\n1\t\n'))).toEqual(['x', 'y']);
    expect(await names(tmp.file('spaces.txt', 'x   y\n1   2\n'))).toEqual(['x', 'y']);
    expect(await names(tmp.file('a.xlsx', xlsxWorkbook({ A: [['p'], [1]], B: [['q'], [2]] })), { sheet: 'B' })).toEqual(
      ['q'],
    );
    expect((await readTableFile(efc)).nrows).toBe(908);
    const zsav = new URL('./fixtures/spss/fixture.zsav', import.meta.url).pathname;
    expect((await readTableFile(zsav)).nrows).toBe(24);
    const dta = new URL('./fixtures/stata/fixture_v14.dta', import.meta.url).pathname;
    expect((await readTableFile(dta)).nrows).toBe(24);
  });

  it('reads by content when the extension says nothing', async () => {
    const noExtension = join(tmp.dir, 'efc-data');
    copyFileSync(efc, noExtension);
    expect((await readTableFile(noExtension)).nrows).toBe(908);
    expect(await names(tmp.file('export.data', 'x;y\n1,5;2\n'))).toEqual(['x', 'y']);
  });

  it('uses the encoding it is given', async () => {
    const t = await readTableFile(tmp.file('l1.csv', Uint8Array.from([0x61, 0x0a, 0xe9, 0x0a])), {
      encoding: 'latin1',
    });
    expect(t.columns[0]!.levels).toEqual(['é']);
  });
});

describe('readTableFile bad input', () => {
  const message = async (path: string) => {
    const e = await readTableFile(path).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DataError);
    return (e as DataError).message;
  };

  it('refuses an SPSS file named .csv, saying what it is', async () => {
    expect(await message(tmp.file('survey.csv', readFileSync(efc)))).toBe(
      'survey.csv: this is not a text data file. By its content it is an SPSS data file: give it the .sav extension.',
    );
  });

  it('refuses old Excel files, unknown binary content, missing paths and folders', async () => {
    expect(await message(tmp.file('old.xls', '\xD0\xCF\x11\xE0'))).toMatch(
      /old Excel workbooks \(\.xls\) cannot be read/,
    );
    expect(await message(tmp.file('blob.bin', Uint8Array.from([0, 1, 2, 3, 0, 0, 7])))).toMatch(
      /^blob\.bin: this is not a data file that can be read\. Use CSV/,
    );
    expect(await message(join(tmp.dir, 'missing.sav'))).toBe(
      'missing.sav: the file does not exist. Check the folder and the file name.',
    );
    expect(await message(tmp.folder('folder.csv'))).toBe(
      'folder.csv: this is a folder, not a file. Choose a data file inside it.',
    );
    expect(await message(tmp.file('nothing.csv', ''))).toMatch(/the file is empty/);
  });
});
