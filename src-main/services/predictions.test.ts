// Predictions of saved analyses (MATH.md section 4): sleepstudy's lme4 fit gives the expected within predictions and,
// for a subject presented as new, its conditional modes; a learner predicts the same after a project round trip.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { io } from '@tensorflow/tfjs';
import type { ResponseOf } from '../../src-shared/api.ts';
import type { Analysis } from '../../src-shared/project.ts';
import { ModelSpecSchema, type ModelSpec } from '../../src-shared/spec.ts';
import type { Table } from '../data/table.ts';
import { readTableFile } from '../data/readTableFile.ts';
import { formatCsv } from '../data/writeCsv.ts';
import { predictMixed } from '../engine/em/predict.ts';
import { simulate } from '../engine/simulate.ts';
import { loadReference, loadReferenceDesign, sharedDir, within } from '../engine/testing/referenceCases.ts';
import { loadTf } from '../engine/tfBackend.ts';
import { DatasetStore, type Dataset } from './datasets.ts';
import { featuresOf, type FitContext } from './fitModel.ts';
import { fitTable, type FitOutcome } from './fits.ts';
import { predictAnalysis } from './predictions.ts';
import { makeProject, readProjectFile, writeProjectFile } from './projects.ts';
import { dispatch, makeServices } from './services.ts';

const sleepFormula = 'Reaction ~ Days + (Days | Subject)';

/** Fits the spec, saves the analysis in a project file and reads it back, as `mixedml fit --save` and predict do. */
async function savedAnalysis(
  dataset: Dataset,
  spec: Partial<ModelSpec>,
  context: FitContext = {},
): Promise<{ analysis: Analysis; outcome: FitOutcome }> {
  const parsed = ModelSpecSchema.parse(spec);
  const outcome = await fitTable(dataset.table, parsed, context);
  const analysis = {
    id: 'a1',
    datasetId: dataset.id,
    spec: parsed,
    createdAt: 0,
    fit: outcome.result,
    learner: outcome.learner,
  };
  const file = join(await mkdtemp(join(tmpdir(), 'mixedml-predict-')), 'p.mixedml');
  await writeProjectFile(file, makeProject([dataset], [analysis]));
  return { analysis: (await readProjectFile(file)).analyses[0]!, outcome };
}

async function sleepstudy(): Promise<Dataset> {
  return new DatasetStore().openPath(join(sharedDir, 'datasets', 'sleepstudy.csv'));
}

/** lme4's REML fitted values X beta + Z u and fixed part X beta, from the reference file alone. */
function lme4Fitted(): { within: number[]; out: number[] } {
  const design = loadReferenceDesign('sleepstudy');
  const ref = loadReference('sleepstudy').REML;
  const beta = Object.values(ref.fixef);
  const out = Array.from({ length: design.n }, (_, i) =>
    beta.reduce((s, b, k) => s + design.X[i * design.p + k]! * b, 0),
  );
  const within = out.map(
    (f, i) => f + ref.ranef[design.group[i]!]!.reduce((s, u, a) => s + design.Z[i * design.q + a]! * u, 0),
  );
  return { within, out };
}

function withColumns(table: Table, edit: (columns: Table['columns']) => Table['columns']): Table {
  return { ...table, columns: edit(table.columns) };
}

/** The given rows of a table (0-based), in that order. */
function rowsOf(table: Table, rows: number[]): Table {
  return {
    ...table,
    nrows: rows.length,
    columns: table.columns.map((c) => ({ ...c, values: Float64Array.from(rows, (i) => c.values[i]!) })),
  };
}

/** The table with subject `from` relabelled `to`: the same rows, in a cluster the model has not seen. */
function relabel(table: Table, from: string, to: string): Table {
  return withColumns(table, (columns) =>
    columns.map((c) => (c.name === 'Subject' ? { ...c, levels: c.levels!.map((l) => (l === from ? to : l)) } : c)),
  );
}

describe('predictAnalysis on sleepstudy (lme, REML) after a project round trip', async () => {
  const dataset = await sleepstudy();
  const { analysis } = await savedAnalysis(dataset, { formula: sleepFormula, learner: 'lme', estimator: 'reml' });
  const expected = lme4Fitted();

  it("gives lme4's fitted values as the within predictions of the training rows", async () => {
    const p = await predictAnalysis(analysis, dataset.table);
    expect(p.rows.map((r) => r.row)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    expect(p.reNames).toEqual(['(Intercept)', 'Days']);
    expect(p.dropped).toBe(0);
    p.rows.forEach((r, i) => {
      expect(r.status).toBe('trained');
      expect(within(r.within, expected.within[i]!, 1e-3, 0), `within, row ${r.row}`).toBe(true);
      expect(within(r.out, expected.out[i]!, 1e-3, 0), `out, row ${r.row}`).toBe(true);
    });
  });

  it("gives a subject presented as new (with its outcomes) lme4's conditional modes for it", async () => {
    const p = await predictAnalysis(analysis, relabel(dataset.table, '308', 'new308'));
    const ref = loadReference('sleepstudy').REML;
    const u308 = ref.ranef[ref.ranef_levels.indexOf('308')]!;
    expect(Object.keys(p.newClusters)).toEqual(['new308']);
    u308.forEach((v, a) => expect(within(p.newClusters.new308![a]!, v, 1e-2, 1), `u[${a}]`).toBe(true));
    const fresh = p.rows.filter((r) => r.cluster === 'new308');
    expect(fresh).toHaveLength(10);
    for (const r of fresh) {
      expect(r.status).toBe('new');
      expect(r.ranef).toEqual(p.newClusters.new308);
      expect(within(r.within, expected.within[r.row - 1]!, 1e-3, 0), `within, row ${r.row}`).toBe(true);
    }
  });

  it('predicts data without the outcome column: trained clusters as before, unseen ones by f(x) only', async () => {
    const withOutcome = await predictAnalysis(analysis, dataset.table);
    const noOutcome = withColumns(relabel(dataset.table, '308', 'new308'), (columns) =>
      columns.filter((c) => c.name !== 'Reaction'),
    );
    const p = await predictAnalysis(analysis, noOutcome);
    expect(p.newClusters).toEqual({});
    p.rows.forEach((r, i) => {
      if (r.cluster === 'new308') {
        expect(r.status).toBe('unknown');
        expect(r.ranef).toBeNull();
        expect(r.within).toBe(r.out);
      } else {
        expect(r).toEqual(withOutcome.rows[i]);
      }
    });
  });

  it('leaves out rows without a predictor, keeping the row numbers of the others', async () => {
    const holes = withColumns(dataset.table, (columns) =>
      columns.map((c) => (c.name === 'Days' ? { ...c, values: c.values.map((v, i) => (i % 7 === 3 ? NaN : v)) } : c)),
    );
    const p = await predictAnalysis(analysis, holes);
    expect(p.dropped).toBe(26);
    expect(p.rows.map((r) => r.row)).toEqual(
      Array.from({ length: 180 }, (_, i) => i + 1).filter((row) => (row - 1) % 7 !== 3),
    );
    for (const r of p.rows) expect(within(r.within, expected.within[r.row - 1]!, 1e-3, 0)).toBe(true);
  });

  it('predicts a single new subject (one cluster, one row)', async () => {
    const one = withColumns(relabel(dataset.table, '308', 'new308'), (columns) =>
      columns.map((c) => ({ ...c, values: c.values.subarray(0, 1) })),
    );
    const p = await predictAnalysis(analysis, { ...one, nrows: 1 });
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0]!.status).toBe('new');
  });

  it('names a predictor column the new data lacks, in one line', async () => {
    const noDays = withColumns(dataset.table, (columns) => columns.filter((c) => c.name !== 'Days'));
    const error = await predictAnalysis(analysis, noDays).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/"Days" is not a column of sleepstudy\.csv/);
    expect((error as Error).message).not.toMatch(/\n/);
  });
});

describe('the predictions.run method', () => {
  it('predicts an open data set with an analysis sent by the window, within the API contract', async () => {
    const services = makeServices({ mode: 'cli' });
    try {
      const opened = (await dispatch(services.handlers, 'datasets.openPath', {
        path: join(sharedDir, 'datasets', 'sleepstudy.csv'),
      })) as { id: string };
      const { analysis } = await savedAnalysis(await sleepstudy(), {
        formula: sleepFormula,
        learner: 'lme',
        estimator: 'ml',
      });
      const response = (await dispatch(services.handlers, 'predictions.run', {
        analysis,
        datasetId: opened.id,
      })) as ResponseOf<'predictions.run'>;
      expect(response.rows).toHaveLength(180);
      expect(response.rows[0]).toMatchObject({ row: 1, cluster: '308', status: 'trained' });
      expect(response.newClusters).toEqual({});
    } finally {
      await services.close();
    }
  });
});

describe('predictAnalysis with a categorical predictor', () => {
  async function shiftsAnalysis() {
    const base = await sleepstudy();
    const shift = {
      name: 'shift',
      label: '',
      type: 'string' as const,
      levels: ['early', 'late', 'night'],
      values: Float64Array.from({ length: base.table.nrows }, (_, i) => i % 3),
    };
    const table = withColumns(base.table, (columns) => [...columns, shift]);
    const dataset = await new DatasetStore().add('shifts.csv', Buffer.from(formatCsv(table)), {}, []);
    const { analysis } = await savedAnalysis(dataset, {
      formula: 'Reaction ~ Days + shift + (1 | Subject)',
      learner: 'lme',
      estimator: 'reml',
    });
    return { analysis, table: dataset.table };
  }

  it('codes new rows by the training levels: a file with some of them predicts as the whole file does', async () => {
    const { analysis, table } = await shiftsAnalysis();
    expect(analysis.fit!.factor_levels).toEqual({ shift: ['early', 'late', 'night'] });
    const all = await predictAnalysis(analysis, table);
    const nights = Array.from({ length: table.nrows }, (_, i) => i).filter((i) => i % 3 === 2);
    const some = await predictAnalysis(analysis, rowsOf(table, nights));
    expect(some.rows.map((r) => [r.within, r.out])).toEqual(nights.map((i) => [all.rows[i]!.within, all.rows[i]!.out]));
    const one = await predictAnalysis(analysis, rowsOf(table, [4]));
    expect(one.rows.map((r) => r.out)).toEqual([all.rows[4]!.out]);
  });

  it('refuses a level the training data did not have, naming the column and the value', async () => {
    const { analysis, table } = await shiftsAnalysis();
    const evening = withColumns(table, (columns) =>
      columns.map((c) => (c.name === 'shift' ? { ...c, levels: ['early', 'evening', 'night'] } : c)),
    );
    await expect(predictAnalysis(analysis, evening)).rejects.toThrow(
      /column "shift" of shifts\.csv has the value "evening", which the training data did not have/,
    );
  });

  it('refuses a column that holds numbers where training had categories, and says so', async () => {
    const { analysis, table } = await shiftsAnalysis();
    const numbers = withColumns(table, (columns) =>
      columns.map((c) =>
        c.name === 'shift' ? { name: c.name, label: '', type: 'numeric' as const, values: c.values } : c,
      ),
    );
    await expect(predictAnalysis(analysis, numbers)).rejects.toThrow(
      /column "shift" of shifts\.csv is coded differently .*"shiftlate" has no column there.*text \(categories\) there/,
    );
  });

  it('refuses, for a fit saved without its levels, new data whose levels would code the column differently', async () => {
    const { analysis, table } = await shiftsAnalysis();
    const { factor_levels: _, ...fit } = analysis.fit!;
    const old = { ...analysis, fit };
    expect((await predictAnalysis(old, table)).rows).toHaveLength(180);
    const noLate = withColumns(table, (columns) =>
      columns.map((c) => (c.name === 'shift' ? { ...c, values: c.values.map((v) => (v === 1 ? 0 : v)) } : c)),
    );
    await expect(predictAnalysis(old, noLate)).rejects.toThrow(
      /column "shift" of shifts\.csv is coded differently .* "shiftlate"/,
    );
  });
});

describe('predictAnalysis with derived columns', () => {
  it("makes those the model uses for new rows by the training data's recipes, as fitted there", async () => {
    const store = new DatasetStore();
    const opened = await store.openPath(join(sharedDir, 'datasets', 'mlbook.csv'));
    store.derive(opened.id, { kind: 'clusterMean', name: 'm_iq', source: 'IQ_verb', group: 'schoolnr' });
    const dataset = store.derive(opened.id, { kind: 'standardize', name: 'z_ses', source: 'ses' });
    const { analysis } = await savedAnalysis(dataset, {
      formula: 'langPOST ~ IQ_verb + m_iq + z_ses + (1 | schoolnr)',
      learner: 'lme',
      estimator: 'reml',
    });
    const all = new Map((await predictAnalysis(analysis, dataset.table)).rows.map((r) => [r.row, r]));
    // Every 50th row of the file as it is, without the derived columns: a few pupils per school, so their own school
    // means and SD would differ from training's.
    const raw = await readTableFile(join(sharedDir, 'datasets', 'mlbook.csv'));
    const picked = Array.from({ length: Math.ceil(raw.nrows / 50) }, (_, k) => 50 * k);
    const some = await predictAnalysis(analysis, rowsOf(raw, picked), dataset);
    expect(some.rows.length).toBeGreaterThan(60);
    for (const r of some.rows) {
      const expected = all.get(picked[r.row - 1]! + 1)!;
      expect([r.cluster, r.within, r.out]).toEqual([expected.cluster, expected.within, expected.out]);
    }
    await expect(predictAnalysis(analysis, rowsOf(raw, picked))).rejects.toThrow(/"m_iq" is not a column/);
  });
});

describe('predictAnalysis with a derived outcome and derived predictors', () => {
  it('needs neither the outcome nor its sources, and names a missing source of a predictor', async () => {
    const store = new DatasetStore();
    const opened = await store.openPath(join(sharedDir, 'datasets', 'sleepstudy.csv'));
    store.derive(opened.id, { kind: 'log', name: 'lnReaction', source: 'Reaction' });
    const dataset = store.derive(opened.id, { kind: 'centerGrand', name: 'Days_c', source: 'Days' });
    const { analysis } = await savedAnalysis(dataset, {
      formula: 'lnReaction ~ Days_c + (Days_c | Subject)',
      learner: 'lme',
      estimator: 'reml',
    });
    const all = await predictAnalysis(analysis, dataset.table);
    const raw = await readTableFile(join(sharedDir, 'datasets', 'sleepstudy.csv'));
    const withoutOutcome = { ...raw, columns: raw.columns.filter((c) => c.name !== 'Reaction') };
    const predicted = await predictAnalysis(analysis, withoutOutcome, dataset);
    expect(predicted.rows.map((r) => r.within)).toEqual(all.rows.map((r) => r.within));
    const withoutDays = { ...raw, columns: raw.columns.filter((c) => c.name !== 'Days') };
    await expect(predictAnalysis(analysis, withoutDays, dataset)).rejects.toThrow(
      /the model uses "Days_c", which the project makes from "Days", and this file has no column "Days"/,
    );
  });
});

describe('a learner saved in a project predicts as before the save', () => {
  it.each([
    ['forest', { trees: 10 }],
    ['svr', {}],
  ] as const)('%s on a small simulation, exactly', async (learner, learnerOptions) => {
    const sim = simulate({ clusters: 8, seed: 5 });
    const dataset = await new DatasetStore().add('sim.csv', Buffer.from(formatCsv(sim)), {}, []);
    const spec = {
      formula: 'y ~ x1_1 + x1_2 + x2_1 + (x1_1 | cluster)',
      learner,
      estimator: 'reml' as const,
      learnerOptions,
      maxIter: 5,
    };
    const { analysis, outcome } = await savedAnalysis(dataset, spec);
    // New data: the training rows with cluster 1 presented as cluster 1001, its outcomes giving its random effects.
    const fresh = withColumns(dataset.table, (columns) =>
      columns.map((c) => (c.name === 'cluster' ? { ...c, values: c.values.map((v) => (v === 1 ? 1001 : v)) } : c)),
    );
    const { design, model } = outcome;
    const clusters = Array.from(design.group, (g) => design.levels[g]!);
    const before = predictMixed(model, { X: featuresOf(design), Z: design.Z, clusters, y: design.y });
    const after = await predictAnalysis(analysis, dataset.table);
    expect(Float64Array.from(after.rows, (r) => r.out)).toEqual(before.out);
    expect(Float64Array.from(after.rows, (r) => r.within)).toEqual(before.within);
    const afterFresh = await predictAnalysis(analysis, fresh);
    expect(Float64Array.from(afterFresh.rows, (r) => r.out)).toEqual(before.out);
    expect(afterFresh.rows.filter((r) => r.status === 'new').length).toBe(clusters.filter((c) => c === '1').length);
    expect(Object.keys(afterFresh.newClusters)).toEqual(['1001']);
  });
});

describe('a pretrained TensorFlow.js model', () => {
  it('is fine-tuned by the EM without an initial fit on y, saved, and predicts the same after reload', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mixedml-pretrained-'));
    await writeTinyModel(dir);
    let fits = 0;
    const { analysis, outcome } = await savedAnalysis(
      await sleepstudy(),
      {
        formula: sleepFormula,
        learner: 'pretrained',
        pretrained: join(dir, 'model.json'),
        estimator: 'reml',
        maxIter: 2,
        learnerOptions: { backend: 'cpu', maxEpochs: 5 },
      },
      { onProgress: (p) => (fits += p.phase === 'training' && p.epoch === 1 ? 1 : 0) },
    );
    // Two EM steps fine-tune the model twice; an initial fit on y would make three.
    expect(outcome.result.iterations).toBe(2);
    expect(fits).toBe(2);
    expect((analysis.learner as { kind: string }).kind).toBe('pretrained');
    const { design, model } = outcome;
    const X = featuresOf(design);
    const after = await predictAnalysis(analysis, (await sleepstudy()).table);
    expect(Float64Array.from(after.rows, (r) => r.out)).toEqual(model.learner.predict(X));
  });
});

/** A Dense(1) Layers model on one input, saved as model.json + weights.bin the way tf.io's file handler lays them out. */
async function writeTinyModel(dir: string): Promise<void> {
  const { tf } = await loadTf('cpu');
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'ones', biasInitializer: 'zeros' })],
  });
  let saved: io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  const modelJson = {
    format: saved!.format,
    generatedBy: saved!.generatedBy,
    modelTopology: saved!.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: saved!.weightSpecs }],
  };
  await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
  await writeFile(join(dir, 'weights.bin'), new Uint8Array(saved!.weightData as ArrayBuffer));
}
