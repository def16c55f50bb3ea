import { describe, expect, it } from 'vitest';
import type { TableModel } from '../../src-shared/tables/tableModel.ts';
import { tableToApaHtml } from './apaHtml.ts';
import { tableToCsv } from './csv.ts';

const fixedEffects = (term: string, cells: number[]): TableModel => ({
  id: 'fixed-effects',
  title: 'Fixed effects',
  columns: ['Term', 'Estimate', 'SE', 't'].map((label) => ({ key: label.toLowerCase(), label })),
  rows: [{ key: term, cells: [term, ...cells] }],
});

describe('exports', () => {
  it('writes CSV with full precision and quotes where needed', () => {
    expect(tableToCsv(fixedEffects('a,b', [1 / 3, 1, 1 / 3]))).toBe(
      'Term,Estimate,SE,t\r\n"a,b",0.3333333333333333,1,0.3333333333333333\r\n',
    );
  });

  it('splits mean and SD into two CSV columns', () => {
    const table: TableModel = {
      id: 'cv',
      title: 'CV',
      columns: [
        { key: 'quantity', label: '' },
        { key: 'mixedml', label: 'mixedML' },
      ],
      rows: [{ key: 'mse', cells: ['MSE within (train)', { mean: 10, sd: 1 }] }],
    };
    expect(tableToCsv(table).split('\r\n').slice(0, 2)).toEqual([
      ',mixedML mean,mixedML SD',
      'MSE within (train),10,1',
    ]);
  });

  it('writes APA HTML with a title, rules, right-aligned numbers and escaped text', () => {
    const html = tableToApaHtml(fixedEffects('a<b', [2.5, 0.4, 6.25]), 2);
    expect(html).toContain('<b>Table 2</b>');
    expect(html).toContain('a&lt;b');
    expect(html).toMatch(/text-align:right">2\.50<\/td><td[^>]*>0\.40<\/td><td[^>]*>6\.25</);
    expect(html).not.toMatch(/style="[^"]*"[^ >]/);
    expect(html).toMatch(/text-align:left">a&lt;b</);
  });
});
