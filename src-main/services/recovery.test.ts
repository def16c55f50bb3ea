import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Analysis } from '../../src-shared/project.ts';
import { ModelSpecSchema } from '../../src-shared/spec.ts';
import { sharedDir } from '../engine/testing/referenceCases.ts';
import { recoveryDir, recoveryFileName } from './recovery.ts';
import { makeServices } from './services.ts';

const previousEnv = process.env.MIXEDML_RECOVERY_DIR;
const dir = mkdtempSync(join(tmpdir(), 'mixedml-recovery-'));
process.env.MIXEDML_RECOVERY_DIR = join(dir, 'nested', 'recovery');
afterAll(() => {
  if (previousEnv === undefined) delete process.env.MIXEDML_RECOVERY_DIR;
  else process.env.MIXEDML_RECOVERY_DIR = previousEnv;
});

function analysis(id: string, datasetId: string): Analysis {
  return {
    id,
    datasetId,
    spec: ModelSpecSchema.parse({ formula: 'Reaction ~ Days + (Days | Subject)', learner: 'lme', estimator: 'reml' }),
    createdAt: 1,
  };
}

describe('autosave and recovery', () => {
  const services = makeServices({ mode: 'cli' });
  const { handlers } = services;
  const recoveryPath = join(dir, 'nested', 'recovery', recoveryFileName);
  afterAll(() => services.close());

  it('finds nothing before the first autosave', async () => {
    expect(await handlers['projects.recovery']({})).toEqual({ path: null, savedAt: null });
  });

  it('writes the unsaved work as a project that projects.open reads back, in a folder it makes', async () => {
    const { id } = await handlers['datasets.openPath']({ path: join(sharedDir, 'datasets', 'sleepstudy.csv') });
    await handlers['datasets.derive']({ id, column: { kind: 'centerGrand', name: 'cDays', source: 'Days' } });
    const before = Date.now();
    const { savedAt } = await handlers['projects.autosave']({ analyses: [analysis('a1', id)], datasetIds: [id] });
    expect(Date.parse(savedAt)).toBeGreaterThanOrEqual(before - 1000);

    const found = await handlers['projects.recovery']({});
    expect(found.path).toBe(recoveryPath);
    expect(Math.abs(Date.parse(found.savedAt!) - Date.parse(savedAt))).toBeLessThan(5000);
    expect(readdirSync(join(dir, 'nested', 'recovery'))).toEqual([recoveryFileName]);

    const opened = await handlers['projects.open']({ path: found.path! });
    expect(opened.analyses.map((a) => a.id)).toEqual(['a1']);
    const sleep = opened.datasets.find((d) => d.name === 'sleepstudy.csv')!;
    expect(sleep.nrows).toBe(180);
    expect(sleep.variables.map((v) => v.name)).toContain('cDays');
    expect(opened.analyses[0]!.datasetId).toBe(sleep.id);
  });

  it('replaces the previous autosave', async () => {
    const { id } = await handlers['datasets.openPath']({ path: join(sharedDir, 'datasets', 'sleepstudy.csv') });
    await handlers['projects.autosave']({ analyses: [analysis('a1', id), analysis('a2', id)], datasetIds: [id] });
    const opened = await handlers['projects.open']({ path: recoveryPath });
    expect(opened.analyses.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(readdirSync(join(dir, 'nested', 'recovery')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('discards the file, and a second discard is harmless', async () => {
    await handlers['projects.discardRecovery']({});
    expect(readdirSync(join(dir, 'nested', 'recovery'))).toEqual([]);
    expect(await handlers['projects.recovery']({})).toEqual({ path: null, savedAt: null });
    await expect(handlers['projects.discardRecovery']({})).resolves.toEqual({});
  });
});

describe('the recovery folder', () => {
  it('is MIXEDML_RECOVERY_DIR when set, whatever the app says', () => {
    expect(recoveryDir('/app/data')).toBe(process.env.MIXEDML_RECOVERY_DIR);
  });

  it('is below the app folder, else in the home folder, without the variable', () => {
    const saved = process.env.MIXEDML_RECOVERY_DIR;
    delete process.env.MIXEDML_RECOVERY_DIR;
    try {
      expect(recoveryDir('/app/data')).toBe(join('/app/data', 'recovery'));
      expect(recoveryDir()).toBe(join(homedir(), '.mixedml', 'recovery'));
    } finally {
      process.env.MIXEDML_RECOVERY_DIR = saved;
    }
  });

  it('that cannot be made gives a message saying autosave is off', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const saved = process.env.MIXEDML_RECOVERY_DIR;
    process.env.MIXEDML_RECOVERY_DIR = join(blocker, 'recovery');
    const services = makeServices({ mode: 'cli' });
    try {
      await expect(services.handlers['projects.autosave']({ analyses: [], datasetIds: [] })).rejects.toThrow(
        /autosave is off/,
      );
    } finally {
      process.env.MIXEDML_RECOVERY_DIR = saved;
      await services.close();
    }
  });
});
