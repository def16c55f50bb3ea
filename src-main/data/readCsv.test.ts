import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv } from './readCsv.ts';
import { DataError } from './dataError.ts';
import { findColumn, type Column, type Table } from './table.ts';
import { loadReference, sharedDir } from '../engine/testing/referenceCases.ts';
import { loadHavenReference } from './testing/havenReference.ts';
import { makeTempDir } from './testing/tempFiles.ts';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const column = (t: Table, name: string): Column => {
  const c = findColumn(t, name);
  if (!c) throw new Error(`no column ${name} in ${t.columns.map((x) => x.name).join(', ')}`);
  return c;
};
const texts = (c: Column) => Array.from(c.values, (v) => (Number.isNaN(v) ? null : c.levels![v]));
const numbers = (c: Column) => Array.from(c.values, (v) => (Number.isNaN(v) ? null : v));
const csv = (name: string, text: string) => readCsv(tmp.file(name, text));
const failure = async (promise: Promise<unknown>): Promise<DataError> => {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DataError);
  return e as DataError;
};

describe('readCsv on the shared data sets', () => {
  it('reads sleepstudy with Subject as text whose levels are in lme4 order', async () => {
    const t = await readCsv(join(sharedDir, 'datasets', 'sleepstudy.csv'));
    expect(t.nrows).toBe(180);
    expect(t.source).toBe('sleepstudy.csv');
    expect(column(t, 'Reaction').values[0]).toBe(249.56);
    expect(column(t, 'Days').type).toBe('numeric');
    const subject = column(t, 'Subject');
    expect(subject.type).toBe('string');
    expect(subject.levels).toEqual(loadReference('sleepstudy').REML.ranef_levels);
    expect(texts(subject).slice(9, 11)).toEqual(['308', '309']);
  });

  it('reads mlbook.csv as the same data as mlbook_labelled.sav (haven reference means)', async () => {
    const t = await readCsv(join(sharedDir, 'datasets', 'mlbook.csv'));
    const ref = loadHavenReference(join(sharedDir, 'reference', 'mlbook_labelled.haven.json'));
    expect(t.nrows).toBe(ref.nrows);
    expect(t.columns.map((c) => c.name)).toEqual(ref.variables.map((v) => v.name));
    for (const name of ['langPOST', 'IQ_verb', 'sch_ses']) {
      const values = column(t, name).values;
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const want = ref.variables.find((v) => v.name === name)!.mean!;
      expect(Math.abs(mean - want), name).toBeLessThanOrEqual(1e-9 * Math.abs(want));
    }
  });
});

describe('readCsv dialects', () => {
  it('reads a semicolon file with decimal commas', async () => {
    const t = await csv('comma.csv', 'x;y;name\n1,5;2;a\n-0,25;3,75;b\n');
    expect(numbers(column(t, 'x'))).toEqual([1.5, -0.25]);
    expect(numbers(column(t, 'y'))).toEqual([2, 3.75]);
    expect(texts(column(t, 'name'))).toEqual(['a', 'b']);
  });

  it('decides for the decimal comma when the first one comes after the sample', async () => {
    const lines = ['x;y', ...Array.from({ length: 20000 }, (_, i) => `${i};1`), '2,5;1'];
    const t = await csv('late-comma.csv', lines.join('\n'));
    expect(column(t, 'x').type).toBe('numeric');
    expect(column(t, 'x').values[20000]).toBe(2.5);
  });

  it('reads tab and pipe files', async () => {
    expect(numbers(column(await csv('t.tsv', 'a\tb\n1\t2\n'), 'b'))).toEqual([2]);
    expect(numbers(column(await csv('p.csv', 'a|b\n1|2\n'), 'b'))).toEqual([2]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', async () => {
    const t = await csv('quoted.csv', 'id,note\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n');
    expect(t.nrows).toBe(3);
    expect(texts(column(t, 'note')).sort()).toEqual(['a, b', 'say "hi"', 'two\nlines']);
  });

  it('reads CRLF line ends and a missing final line end', async () => {
    const t = await csv('crlf.csv', 'a,b\r\n1,2\r\n3,4');
    expect(numbers(column(t, 'b'))).toEqual([2, 4]);
  });

  it('reads numbers in quotes as numbers when the writer quoted every field', async () => {
    const t = await csv('allquoted.csv', '"a","b"\n"1","x"\n"2","y"\n');
    expect(column(t, 'a').type).toBe('numeric');
    expect(t.warnings).toBeUndefined();
  });

  it('names the columns V1..Vk when the first line is data', async () => {
    const t = await csv('noheader.csv', '1,2\n3,4\n');
    expect(t.columns.map((c) => c.name)).toEqual(['V1', 'V2']);
    expect(numbers(column(t, 'V1'))).toEqual([1, 3]);
    expect(t.warnings?.[0]).toMatch(/first row holds only numbers/);
  });

  it('names an unnamed column and says so', async () => {
    const t = await csv('unnamed.csv', 'a,,c\n1,2,3\n');
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'V2', 'c']);
    expect(t.warnings?.[0]).toMatch(/Column 2 has no name/);
  });
});

describe('readCsv encodings', () => {
  const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

  it('drops a UTF-8 byte-order mark', async () => {
    const t = await readCsv(tmp.file('bom.csv', '\uFEFFcity,n\nZürich,1\n'));
    expect(t.columns[0]!.name).toBe('city');
    expect(texts(column(t, 'city'))).toEqual(['Zürich']);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, with a warning', async () => {
    const t = await readCsv(
      tmp.file('latin1.csv', latin1('städt,n\nZürich,1\nGenève,2\n€uro,3\n'.replace('€', '\x80'))),
    );
    expect(t.columns[0]!.name).toBe('städt');
    expect(texts(column(t, 'städt'))).toEqual(['Zürich', 'Genève', '€uro']);
    expect(t.warnings?.join(' ')).toMatch(/not valid UTF-8.*Windows-1252/);
  });

  it('falls back even when the first invalid byte is past the first chunk', async () => {
    const body = Array.from({ length: 150_000 }, (_, i) => `${i},x`).join('\n');
    const bytes = Buffer.concat([Buffer.from(`n,s\n${body}\n1,`), Buffer.from([0xe9]), Buffer.from('\n')]);
    const t = await readCsv(tmp.file('late-latin1.csv', bytes));
    expect(t.nrows).toBe(150_001);
    expect(texts(column(t, 's')).at(-1)).toBe('é');
  });

  it('reads UTF-16 with a byte-order mark (Excel "Unicode text")', async () => {
    const t = await readCsv(tmp.file('utf16.txt', Buffer.from('\uFEFFa\tb\nü\t2\n', 'utf16le')));
    expect(texts(column(t, 'a'))).toEqual(['ü']);
  });

  it('uses the encoding it is given, and refuses an unknown one', async () => {
    const path = tmp.file('given.csv', latin1('a\n\xe9\n'));
    expect(texts(column(await readCsv(path, { encoding: 'latin1' }), 'a'))).toEqual(['é']);
    const e = await failure(readCsv(path, { encoding: 'klingon' }));
    expect(e.message).toMatch(/"klingon" is not an encoding/);
  });
});

describe('readCsv cells and types', () => {
  it('reads empty, NA, "." and blank cells as missing in a numeric column', async () => {
    const t = await csv('missing.csv', 'a,b\n1,\nNA,2\n.,3\n  ,4\n');
    expect(numbers(column(t, 'a'))).toEqual([1, null, null, null]);
    expect(column(t, 'a').type).toBe('numeric');
    expect(numbers(column(t, 'b'))).toEqual([null, 2, 3, 4]);
  });

  it('keeps a column of only missing values numeric', async () => {
    const t = await csv('allmissing.csv', 'a,b\n1,NA\n2,\n');
    expect(column(t, 'b').type).toBe('numeric');
    expect(numbers(column(t, 'b'))).toEqual([null, null]);
  });

  it('reads text in an otherwise numeric column as text, keeps the earlier cells as written, and warns', async () => {
    const t = await csv('mixed.csv', 'id,code\n1,007\n2,1.50\n3,12\n4,oops\n5,NA\n');
    const code = column(t, 'code');
    expect(code.type).toBe('string');
    expect(texts(code)).toEqual(['007', '1.50', '12', 'oops', null]);
    expect(code.levels).toEqual(['007', '1.50', '12', 'oops']);
    expect(t.warnings).toHaveLength(1);
    expect(t.warnings![0]).toMatch(
      /Column "code" was read as text: 3 cells are numbers but 1 are not \(the first at row 5: "oops"\)/,
    );
  });

  it('keeps the text of rows read before the switch when it happens chunks later', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i},${String(i % 50).padStart(3, '0')}`);
    rows.push('200000,late');
    const t = await csv('late-text.csv', ['n,code', ...rows].join('\n'));
    const code = column(t, 'code');
    expect(t.nrows).toBe(200_001);
    expect(code.type).toBe('string');
    expect(texts(code).slice(0, 2)).toEqual(['000', '001']);
    expect(texts(code)[199_999]).toBe('049');
    expect(texts(code)[200_000]).toBe('late');
    expect(code.levels).toHaveLength(51);
    expect(column(t, 'n').values[123_456]).toBe(123_456);
  });

  it('does not warn about a text column with a few numbers in it', async () => {
    const t = await csv('names.csv', 'name\nAnn\nBob\n42\n');
    expect(column(t, 'name').type).toBe('string');
    expect(t.warnings).toBeUndefined();
  });

  it('stops at Inf or NaN in a numeric column, naming the row and the column (they are not silently kept)', async () => {
    const inf = await failure(csv('inf.csv', 'a,b\n1,2\n3,Inf\n'));
    expect(inf.message).toBe(
      'inf.csv, row 3, column "b": "Inf" is not a finite number. Replace it with NA to mark it missing, or with a finite value, and read the file again.',
    );
    expect(inf.row).toBe('row 3');
    expect(inf.column).toBe('b');
    const nan = await failure(csv('nan.csv', 'a\n1\n-2\nNaN\n'));
    expect(nan.message).toMatch(/row 4, column "a": "NaN" is not a finite number/);
  });

  it('keeps "NaN" as a category in a text column (a given name, say)', async () => {
    const t = await csv('nan-name.csv', 'name\nNaN\nLi\n');
    expect(texts(column(t, 'name'))).toEqual(['NaN', 'Li']);
  });
});

describe('readCsv bad input', () => {
  it('refuses ragged rows, naming the row and what to check', async () => {
    const long = await failure(csv('long.csv', 'a,b\n1,2\n3,4,5\n'));
    expect(long.message).toMatch(
      /^long\.csv, row 3: expected 2 fields, as in the header, but found 3\. Check the delimiter/,
    );
    const short = await failure(csv('short.csv', 'a,b,c\n1,2,3\n4,5\n'));
    expect(short.message).toMatch(/row 3: expected 3 fields, as in the header, but found 2\. Fill the empty cells/);
  });

  it('refuses an empty file, a file of blank lines, and a header without data', async () => {
    expect((await failure(csv('empty.csv', ''))).message).toMatch(/^empty\.csv: the file is empty \(0 bytes\)/);
    expect((await failure(csv('blank.csv', '\n\n\n'))).message).toMatch(/only blank lines/);
    expect((await failure(csv('header.csv', 'a,b,c\n'))).message).toMatch(
      /^header\.csv: the file has a header row but no data rows\. Add the data/,
    );
  });

  it('refuses duplicate column names', async () => {
    const e = await failure(csv('dup.csv', 'x,y,x\n1,2,3\n'));
    expect(e.message).toBe(
      'dup.csv, column "x": columns 1 and 3 are both named "x". Give every column a different name in the header row.',
    );
  });

  it('refuses a binary file named .csv, saying what it is', async () => {
    const sav = await failure(readCsv(join(sharedDir, 'datasets', 'spss', 'data_efc.sav')).then(() => 0));
    expect(sav.message).toMatch(/not a text data file\. By its content it is an SPSS data file/);
    const zip = await failure(readCsv(tmp.file('book.csv', Buffer.from('PK\x03\x04rest of a zip', 'latin1'))));
    expect(zip.message).toMatch(/it is an Excel workbook/);
    const noise = await failure(
      readCsv(
        tmp.file(
          'noise.csv',
          Uint8Array.from({ length: 4096 }, (_, i) => (i * 37) % 256),
        ),
      ),
    );
    expect(noise.message).toMatch(/^noise\.csv: this is not a text data file\. By its content it is not a text file/);
  });

  it('refuses a path that does not exist and a folder', async () => {
    expect((await failure(readCsv(join(tmp.dir, 'nope.csv')))).message).toBe(
      'nope.csv: the file does not exist. Check the folder and the file name.',
    );
    expect((await failure(readCsv(tmp.folder('data.csv')))).message).toMatch(/this is a folder, not a file/);
  });

  it('refuses a quote that never closes', async () => {
    const e = await failure(csv('quote.csv', 'a,b\n1,"open\n2,3\n'));
    expect(e.message).toMatch(/a quote opens but never closes/);
  });
});
