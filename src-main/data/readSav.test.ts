import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSav } from './readSav.ts';
import { inspectTable } from './inspectTable.ts';
import { DataError } from './dataError.ts';
import { savEncoding } from './sav/savVariables.ts';
import type { SavDictionary } from './sav/savDictionary.ts';
import { sharedDir } from '../engine/testing/referenceCases.ts';
import { havenDifferences, loadHavenReference } from './testing/havenReference.ts';
import { makeTempDir } from './testing/tempFiles.ts';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const fixture = (name: string) => new URL(`./fixtures/spss/${name}`, import.meta.url).pathname;
/** The header's compression field (offset 72): 0 none, 1 bytecode, 2 zlib. */
const compressionOf = (path: string) => readFileSync(path).readInt32LE(72);

describe('readSav against haven (../shared/reference)', () => {
  for (const name of ['data_efc', 'mlbook_labelled']) {
    it(`reads ${name}.sav as haven does, field by field`, async () => {
      const path = join(sharedDir, 'datasets', 'spss', `${name}.sav`);
      expect(compressionOf(path)).toBe(1);
      const ref = loadHavenReference(join(sharedDir, 'reference', `${name}.haven.json`));
      const table = await readSav(path);
      expect(havenDifferences(inspectTable(table), ref)).toEqual([]);
      expect(table.warnings).toBeUndefined();
    });
  }

  it('turns the user-missing -99 of ses into missing but keeps its value label', async () => {
    const t = await readSav(join(sharedDir, 'datasets', 'spss', 'mlbook_labelled.sav'));
    const ses = t.columns.find((c) => c.name === 'ses')!;
    expect(ses.values.includes(-99)).toBe(false);
    expect(ses.valueLabels).toEqual({ 'not reported': -99 });
  });
});

describe('readSav on the fixtures of fixtures/makeFixtures.R (strings, long strings, missing ranges)', () => {
  const cases = [
    ['fixture_none.sav', 0],
    ['fixture_bytecode.sav', 1],
    ['fixture.zsav', 2],
  ] as const;
  for (const [name, compression] of cases) {
    it(`reads ${name} (compression ${compression}) as haven does`, async () => {
      const path = fixture(name);
      expect(compressionOf(path)).toBe(compression);
      const ref = loadHavenReference(`${path}.haven.json`);
      // The Table holds value labels of numbers only: those of the text variable "answer" are dropped, with a warning.
      const answer = ref.variables.find((v) => v.name === 'answer')!;
      expect(answer.value_labels).toEqual({ Yes: 'yes', No: 'no' });
      answer.value_labels = {};
      const table = await readSav(path);
      expect(havenDifferences(inspectTable(table), ref)).toEqual([]);
      expect(table.warnings).toEqual([
        'The value labels of the text variable "answer" were not kept: only numbers can carry labels here.',
      ]);
    });
  }

  it('joins the segments of a very long string and keeps UTF-8 text', async () => {
    const t = await readSav(fixture('fixture_bytecode.sav'));
    const comment = t.columns.find((c) => c.name === 'comment')!;
    expect(comment.levels!.map((l) => l.length).sort((a, b) => a - b)).toEqual([5, 310, 311]);
    expect(comment.levels).toContain('abcdefghij'.repeat(31) + 'Z');
    expect(t.columns.find((c) => c.name === 'city')!.levels).toEqual([
      '',
      'amsterdam',
      'Amsterdam',
      'Åre',
      'Genève',
      'Zürich',
    ]);
  });
});

describe('readSav bad input', () => {
  const efc = readFileSync(join(sharedDir, 'datasets', 'spss', 'data_efc.sav'));

  it('refuses a file cut inside its dictionary', async () => {
    const e = (await readSav(tmp.file('cut-dict.sav', efc.subarray(0, 600))).catch((err: unknown) => err)) as DataError;
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toBe(
      'cut-dict.sav: the file ends inside its dictionary, before the data. The file is incomplete: copy or export it from SPSS again.',
    );
  });

  it('refuses a compressed file cut inside its data, saying how many cases are complete', async () => {
    const e = (await readSav(tmp.file('cut-data.sav', efc.subarray(0, efc.length - 5000))).catch(
      (err: unknown) => err,
    )) as DataError;
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toMatch(
      /^cut-data\.sav, case \d+: the data end after \d+ complete cases of the 908 it announces\. The file is incomplete/,
    );
  });

  it('counts the complete cases of a cut uncompressed file exactly', async () => {
    const bytes = readFileSync(fixture('fixture_none.sav'));
    const caseBytes = bytes.readInt32LE(68) * 8;
    const dataStart = bytes.length - 24 * caseBytes;
    const cut = tmp.file('cut-none.sav', bytes.subarray(0, dataStart + 5 * caseBytes + 3));
    await expect(readSav(cut)).rejects.toThrow(
      'cut-none.sav, case 6: the data end after 5 complete cases of the 24 it announces',
    );
  });

  it('refuses a zsav whose zlib blocks are cut', async () => {
    const bytes = readFileSync(fixture('fixture.zsav'));
    await expect(readSav(tmp.file('cut.zsav', bytes.subarray(0, bytes.length - 200)))).rejects.toThrow(/incomplete/);
  });

  it('refuses a file that is not SPSS', async () => {
    await expect(readSav(tmp.file('text.sav', 'a,b\n1,2\n'))).rejects.toThrow(
      'text.sav: this is not an SPSS .sav file. By its content it is a text file: give it the .csv extension.',
    );
  });
});

describe('savEncoding', () => {
  const dict = (encodingName?: string, codePage?: number) => ({ encodingName, codePage }) as SavDictionary;
  it('takes the encoding record, then the code page, then Windows-1252', () => {
    expect(savEncoding(dict('UTF-8', 1252))).toBe('utf-8');
    expect(savEncoding(dict(undefined, 65001))).toBe('utf-8');
    expect(savEncoding(dict(undefined, 1250))).toBe('windows-1250');
    expect(savEncoding(dict(undefined, 28592))).toBe('iso-8859-2');
    expect(savEncoding(dict(undefined, 2))).toBe('windows-1252');
    expect(savEncoding(dict())).toBe('windows-1252');
    expect(savEncoding(dict('UTF-8'), 'latin1')).toBe('windows-1252');
  });
});
