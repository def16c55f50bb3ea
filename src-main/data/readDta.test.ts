import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readDta } from './readDta.ts';
import { inspectTable } from './inspectTable.ts';
import { havenDifferences, loadHavenReference } from './testing/havenReference.ts';
import { makeTempDir } from './testing/tempFiles.ts';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const fixture = (name: string) => new URL(`./fixtures/stata/${name}`, import.meta.url).pathname;

describe('readDta against haven (fixtures/makeFixtures.R)', () => {
  for (const [version, release] of [
    [13, 117],
    [14, 118],
    [15, 119],
  ] as const) {
    it(`reads format ${release} (Stata ${version}) as haven does, field by field`, async () => {
      const path = fixture(`fixture_v${version}.dta`);
      expect(readFileSync(path, 'latin1').slice(0, 60)).toContain(`<release>${release}</release>`);
      const table = await readDta(path);
      expect(havenDifferences(inspectTable(table), loadHavenReference(`${path}.haven.json`))).toEqual([]);
    });
  }

  it('reads a strL (a 3000-byte text) and keeps empty strings as a value', async () => {
    const t = await readDta(fixture('fixture_v14.dta'));
    const essay = t.columns.find((c) => c.name === 'essay')!;
    expect(essay.levels).toEqual(['', 'long text '.repeat(300), 'short']);
  });

  it("reads format 119's strL references with v in 3 bytes and o in 5, as Stata writes them", async () => {
    // ReadStat writes 119 with 118's 2 + 6 split: rewrite each reference (the last 8 bytes of a row) as 3 + 5.
    const bytes = Buffer.from(readFileSync(fixture('fixture_v15.dta')));
    const start = bytes.indexOf('<data>') + '<data>'.length;
    const rowBytes = (bytes.indexOf('</data>') - start) / 24;
    for (let i = 0; i < 24; i++) {
      const at = start + (i + 1) * rowBytes - 8;
      const v = bytes.readUInt16LE(at);
      const o = bytes.readUIntLE(at + 2, 6);
      bytes.writeUIntLE(v, at, 3);
      bytes.writeUIntLE(o, at + 3, 5);
    }
    const t = await readDta(tmp.file('stata119.dta', bytes));
    const essay = t.columns.find((c) => c.name === 'essay')!;
    expect(Array.from(essay.values.slice(0, 3), (k) => essay.levels![k])).toEqual([
      'long text '.repeat(300),
      'short',
      '',
    ]);
  });
});

describe('readDta bad input', () => {
  it('refuses a file cut inside its data, and an old or foreign format', async () => {
    const bytes = readFileSync(fixture('fixture_v14.dta'));
    const dataAt = bytes.indexOf('<data>');
    await expect(readDta(tmp.file('cut.dta', bytes.subarray(0, dataAt + 100)))).rejects.toThrow(
      /^cut\.dta, row \d+: the data end after \d+ complete rows of the 24 it announces/,
    );
    await expect(readDta(tmp.file('cut-head.dta', bytes.subarray(0, 300)))).rejects.toThrow(/incomplete/);
    await expect(readDta(tmp.file('old.dta', Uint8Array.from([0x72, 0x02, 0x01, 0x00, 0x05])))).rejects.toThrow(
      'old.dta: this Stata file has the old format 114. Save it again from Stata 13 or newer.',
    );
    await expect(readDta(tmp.file('text.dta', 'a,b\n'))).rejects.toThrow(/not a Stata \.dta file/);
  });
});
