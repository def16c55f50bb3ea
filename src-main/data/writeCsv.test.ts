import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate.ts';
import { readCsv } from './readCsv.ts';
import { cellText, type Table } from './table.ts';
import { makeTempDir } from './testing/tempFiles.ts';
import { formatCsv, writeCsv } from './writeCsv.ts';

const temp = makeTempDir();
afterAll(() => temp.remove());

const awkward = [
  0.1 + 0.2,
  -1 / 3,
  5e-324,
  1e-300,
  1.7976931348623157e308,
  1.2345678901234568e20,
  1e21,
  -0,
  0,
  42,
  NaN,
  Math.PI,
];

/** Levels the reader keeps as text: delimiters, quotes, line breaks, numbers-as-text, non-ASCII. */
const levels = ['a,b', 'say "hi"', 'two\nlines', '007', '1e5', 'Zoë', 'plain', 'x;y', 'c\r\nd', '-', 'z', 'q'];

function sampleTable(): Table {
  return {
    source: 'test',
    nrows: awkward.length,
    columns: [
      { name: 'x', label: '', type: 'numeric', values: Float64Array.from(awkward) },
      {
        name: 'group, "quoted"',
        label: '',
        type: 'string',
        values: Float64Array.from(levels, (_, i) => (i === 10 ? NaN : i)),
        levels,
      },
      { name: '2024', label: '', type: 'numeric', values: Float64Array.from(awkward, (_, i) => i) },
    ],
  };
}

async function roundTrip(table: Table, name: string): Promise<Table> {
  const file = `${temp.dir}/${name}.csv`;
  await writeCsv(table, file);
  return readCsv(file);
}

describe('writeCsv', () => {
  it('writes numbers that read back exactly, text that reads back as text, and missing as empty', async () => {
    const table = sampleTable();
    const back = await roundTrip(table, 'awkward');
    expect(back.nrows).toBe(table.nrows);
    expect(back.columns.map((c) => c.name)).toEqual(['x', 'group, "quoted"', '2024']);
    expect(back.columns.map((c) => c.type)).toEqual(['numeric', 'string', 'numeric']);
    const x = back.columns[0]!.values;
    awkward.forEach((v, i) => expect(Object.is(x[i], v), `row ${i}: wrote ${v}, read ${x[i]}`).toBe(true));
    const text = back.columns[1]!;
    levels.forEach((level, i) => expect(cellText(text, i)).toBe(i === 10 ? '' : level));
    expect(Array.from(back.columns[2]!.values)).toEqual(Array.from(table.columns[2]!.values));
  });

  it('lays the file out as R write.csv does, with R names for non-finite numbers', () => {
    const table: Table = {
      source: 'test',
      nrows: 3,
      columns: [
        { name: 'v', label: '', type: 'numeric', values: Float64Array.from([Infinity, -Infinity, NaN]) },
        { name: 's', label: '', type: 'string', values: Float64Array.from([0, NaN, 1]), levels: ['a', 'b"c'] },
        { name: '', label: '', type: 'numeric', values: Float64Array.from([1, 2, 3]) },
        { name: 'NA', label: '', type: 'numeric', values: Float64Array.from([0.5, 1e-7, -2]) },
      ],
    };
    expect(formatCsv(table)).toBe('v,s,"","NA"\nInf,"a",1,0.5\n-Inf,,2,1e-7\n,"b""c",3,-2\n');
    expect(formatCsv({ ...table, nrows: 0, columns: table.columns.slice(0, 1) })).toBe('v\n');
  });

  it('round-trips a simulated data set of 10 000 rows and more (several chunks) exactly', async () => {
    const table = simulate({ clusters: 400, seed: 5 });
    expect(table.nrows).toBeGreaterThan(10_000);
    const started = performance.now();
    const back = await roundTrip(table, 'simulated');
    console.log(`writeCsv + readCsv of ${table.nrows} x 15: ${(performance.now() - started).toFixed(0)} ms`);
    expect(back.columns.map((c) => c.name)).toEqual(table.columns.map((c) => c.name));
    table.columns.forEach((c, k) => expect(Array.from(back.columns[k]!.values), c.name).toEqual(Array.from(c.values)));
  });

  it('rejects with the file system error when the file cannot be written', async () => {
    await expect(writeCsv(sampleTable(), `${temp.dir}/no/such/folder/out.csv`)).rejects.toThrow(/ENOENT/);
  });
});
