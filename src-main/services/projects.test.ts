import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Analysis } from '../../src-shared/project.ts';
import { sharedDir } from '../engine/testing/referenceCases.ts';
import { ModelSpecSchema } from '../../src-shared/spec.ts';
import { makeServices } from './services.ts';

describe('projects', () => {
  const services = makeServices({ mode: 'cli' });
  const { handlers } = services;
  const dir = mkdtempSync(join(tmpdir(), 'mixedml-project-'));
  afterAll(() => services.close());

  async function savedProject(): Promise<{ path: string; analyses: Analysis[] }> {
    const { id } = await handlers['datasets.openPath']({ path: join(sharedDir, 'datasets', 'sleepstudy.csv') });
    await handlers['datasets.derive']({ id, column: { kind: 'centerGrand', name: 'cDays', source: 'Days' } });
    const analyses: Analysis[] = [
      {
        id: 'a1',
        datasetId: id,
        spec: ModelSpecSchema.parse({
          formula: 'Reaction ~ cDays + (cDays | Subject)',
          learner: 'lme',
          estimator: 'reml',
        }),
        createdAt: 1,
      },
    ];
    const { path } = await handlers['projects.save']({ path: join(dir, 'study'), analyses, datasetIds: [id] });
    return { path, analyses };
  }

  it('saves atomically with the data embedded, and reopens with derived columns recomputed', async () => {
    const { path, analyses } = await savedProject();
    expect(path).toBe(join(dir, 'study.mixedml'));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const opened = await handlers['projects.open']({ path });
    // Only the project's data set is embedded, not the others this session opened.
    expect(opened.datasets).toHaveLength(1);
    const dataset = opened.datasets[0]!;
    expect(dataset.variables.map((v) => v.name)).toEqual(['Reaction', 'Days', 'Subject', 'cDays']);
    expect(dataset.variables.at(-1)!.mean).toBeCloseTo(0, 12);
    expect(opened.analyses).toEqual([{ ...analyses[0], datasetId: dataset.id }]);
  });

  it('refuses a damaged or newer file with a clear message and leaves it as it was', async () => {
    const { path } = await savedProject();
    const newer = join(dir, 'newer.mixedml');
    const project = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(newer, JSON.stringify({ ...project, version: 99 }));
    await expect(handlers['projects.open']({ path: newer })).rejects.toThrow(/saved by a newer mixedML Studio/);
    const truncated = join(dir, 'truncated.mixedml');
    const text = readFileSync(path, 'utf8');
    writeFileSync(truncated, text.slice(0, text.length / 2));
    await expect(handlers['projects.open']({ path: truncated })).rejects.toThrow(/damaged \(not valid JSON\)/);
    expect(readFileSync(truncated, 'utf8')).toBe(text.slice(0, text.length / 2));
    const broken = join(dir, 'broken.mixedml');
    writeFileSync(broken, JSON.stringify({ ...project, analyses: [{ id: 3 }] }));
    await expect(handlers['projects.open']({ path: broken })).rejects.toThrow(/damaged at analyses\.0\.id/);
  });

  it('says where a save failed and keeps the old file', async () => {
    const { path } = await savedProject();
    const before = readFileSync(path, 'utf8');
    await expect(
      handlers['projects.save']({ path: join(dir, 'missing-folder', 'x.mixedml'), analyses: [], datasetIds: [] }),
    ).rejects.toThrow(/x\.mixedml: the project could not be saved \(ENOENT\)/);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});
