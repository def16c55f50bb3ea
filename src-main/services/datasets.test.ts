import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../engine/testing/referenceCases.ts';
import { dispatch, makeServices } from './services.ts';
import { DatasetSummarySchema } from '../../src-shared/api.ts';

const sleepstudy = join(sharedDir, 'datasets', 'sleepstudy.csv');

describe('data set services', () => {
  const { handlers: services } = makeServices({ mode: 'cli' });

  it('opens a file by path and pages through its rows as the grid shows them', async () => {
    const summary = await services['datasets.openPath']({ path: sleepstudy });
    expect(summary).toMatchObject({ name: 'sleepstudy.csv', nrows: 180 });
    expect(summary.variables.map((v) => [v.name, v.type, v.derived])).toEqual([
      ['Reaction', 'numeric', false],
      ['Days', 'numeric', false],
      ['Subject', 'string', false],
    ]);
    const page = await services['datasets.rows']({ id: summary.id, offset: 178, limit: 10 });
    expect(page.rows).toHaveLength(2);
    expect(page.rows[1]).toEqual([364.1236, 9, '372']);
  });

  it('reads an upload exactly as the same file opened by path', async () => {
    const byPath = await services['datasets.openPath']({ path: sleepstudy });
    const upload = await services['datasets.upload']({
      name: 'sleepstudy.csv',
      base64: readFileSync(sleepstudy).toString('base64'),
    });
    expect({ ...upload, id: '' }).toEqual({ ...byPath, id: '' });
  });

  it('adds derived columns, marked as derived and recorded as recipes', async () => {
    const { id } = await services['datasets.openPath']({ path: sleepstudy });
    const recipe = { kind: 'clusterMean', name: 'meanDays', source: 'Days', group: 'Subject' } as const;
    const summary = await services['datasets.derive']({ id, column: recipe });
    expect(summary.derived).toEqual([recipe]);
    expect(summary.variables.at(-1)).toMatchObject({ name: 'meanDays', derived: true, mean: 4.5 });
  });

  it('validates requests and responses at the boundary', async () => {
    await expect(dispatch(services, 'datasets.rows', { id: 'x', offset: -1, limit: 10 })).rejects.toThrow();
    await expect(dispatch(services, 'datasets.openPath', { path: join(sharedDir, 'nope.csv') })).rejects.toThrow(
      /nope\.csv: the file does not exist/,
    );
    const summary = await dispatch(services, 'datasets.openPath', { path: sleepstudy });
    expect(DatasetSummarySchema.safeParse(summary).success).toBe(true);
  });
});
