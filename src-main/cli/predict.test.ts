// `mixedml fit --save` then `mixedml predict`, end to end through the command: lme4's fitted values come back per row,
// new and unknown clusters are told apart, a missing predictor is a one-line error, a pretrained model round-trips, and
// a derived column the new data lacks is made as in training.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ModelSpecSchema } from '../../src-shared/spec.ts';
import { loadReference, loadReferenceDesign, sharedDir, within } from '../engine/testing/referenceCases.ts';
import { DatasetStore } from '../services/datasets.ts';
import { fitTable } from '../services/fits.ts';
import { makeProject, writeProjectFile } from '../services/projects.ts';

const cli = fileURLToPath(new URL('../../bin/mixedml.mjs', import.meta.url));
const run = promisify(execFile);
const sleepCsv = join(sharedDir, 'datasets', 'sleepstudy.csv');
const formula = 'Reaction ~ Days + (Days | Subject)';

async function mixedml(...args: string[]): Promise<string> {
  return (await run(process.execPath, [cli, ...args])).stdout;
}

/** The CSV predict writes, as records (its text cells are quoted and hold no commas). */
function readPredictions(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    return Object.fromEntries(names.map((name, k) => [name, cells[k]!]));
  });
}

/** sleepstudy.csv with its lines edited: drop a column, relabel a subject. */
async function variant(dir: string, name: string, edit: (cells: string[]) => string[]): Promise<string> {
  const lines = (await readFile(sleepCsv, 'utf8')).trim().split(/\r?\n/);
  const file = join(dir, name);
  await writeFile(file, `${lines.map((l) => edit(l.split(',')).join(',')).join('\n')}\n`);
  return file;
}

describe('mixedml predict with an lme fit saved by mixedml fit --save', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mixedml-predict-cli-'));
  const project = join(dir, 'sleep.mixedml');
  await mixedml('fit', '--data', sleepCsv, '--formula', formula, '--learner', 'lme', '--save', project);

  it("writes lme4's fitted values as pred_within, row by row", async () => {
    const out = join(dir, 'preds.csv');
    const stdout = await mixedml('predict', '--project', project, '--data', sleepCsv, '--out', out);
    expect(stdout).toMatch(/Predicted 180 rows/);
    const rows = readPredictions(await readFile(out, 'utf8'));
    expect(Object.keys(rows[0]!)).toEqual([
      'row',
      'cluster',
      'pred_within',
      'pred_out',
      'cluster_status',
      'u_(Intercept)',
      'u_Days',
    ]);
    const design = loadReferenceDesign('sleepstudy');
    const ref = loadReference('sleepstudy').REML;
    const [b0, b1] = [ref.fixef['(Intercept)']!, ref.fixef.Days!];
    expect(rows).toHaveLength(design.n);
    rows.forEach((r, i) => {
      const days = design.X[i * 2 + 1]!;
      const [u0, u1] = ref.ranef[design.group[i]!]!;
      expect(r.row).toBe(String(i + 1));
      expect(r.cluster).toBe(ref.ranef_levels[design.group[i]!]);
      expect(r.cluster_status).toBe('trained');
      expect(within(Number(r.pred_within), b0 + u0! + (b1 + u1!) * days, 1e-3, 0), `row ${i + 1}`).toBe(true);
      expect(within(Number(r.pred_out), b0 + b1 * days, 1e-3, 0), `row ${i + 1}`).toBe(true);
    });
  });

  it('predicts data without the outcome: an unseen subject is unknown and gets f(x) only', async () => {
    const data = await variant(dir, 'no-outcome.csv', (cells) => cells.slice(1).map((c) => c.replace('"308"', '"x"')));
    const rows = readPredictions(await mixedml('predict', '--project', project, '--data', data, '--out', '-'));
    expect(rows).toHaveLength(180);
    for (const r of rows.filter((r) => r.cluster === 'x')) {
      expect(r.cluster_status).toBe('unknown');
      expect(r.pred_within).toBe(r.pred_out);
      expect(r['u_(Intercept)']).toBe('');
    }
    expect(rows.filter((r) => r.cluster_status === 'trained')).toHaveLength(170);
  });

  it("gives a subject presented as new, with its outcomes, lme4's conditional modes for it", async () => {
    const data = await variant(dir, 'new.csv', (cells) => cells.map((c) => c.replace('"308"', '"x"')));
    const rows = readPredictions(await mixedml('predict', '--project', project, '--data', data, '--out', '-'));
    const ref = loadReference('sleepstudy').REML;
    const u308 = ref.ranef[ref.ranef_levels.indexOf('308')]!;
    const fresh = rows.filter((r) => r.cluster === 'x');
    expect(fresh).toHaveLength(10);
    for (const r of fresh) {
      expect(r.cluster_status).toBe('new');
      expect(within(Number(r['u_(Intercept)']), u308[0]!, 1e-2, 1)).toBe(true);
      expect(within(Number(r.u_Days), u308[1]!, 1e-2, 1)).toBe(true);
    }
  });

  it('names a predictor column the new data lacks, in one line, and exits non-zero', async () => {
    const data = await variant(dir, 'no-days.csv', (cells) => [cells[0]!, cells[2]!]);
    const failure = await mixedml('predict', '--project', project, '--data', data, '--out', join(dir, 'x.csv'))
      .then(() => undefined)
      .catch((e: { code: number; stderr: string }) => e);
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr.trim().split('\n')).toHaveLength(1);
    expect(failure?.stderr).toMatch(/"Days" is not a column of no-days\.csv/);
  });
});

/**
 * A TensorFlow.js Layers model written by hand as tf.io saves one: Dense(1) on one input, f(x) = 10 x + 250, its
 * kernel and bias as float32 in weights.bin.
 */
async function writeLinearModel(dir: string): Promise<string> {
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'hand',
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'hand',
        layers: [
          {
            class_name: 'Dense',
            config: { name: 'dense', units: 1, activation: 'linear', use_bias: true, batch_input_shape: [null, 1] },
          },
        ],
      },
    },
    weightsManifest: [
      {
        paths: ['weights.bin'],
        weights: [
          { name: 'dense/kernel', shape: [1, 1], dtype: 'float32' },
          { name: 'dense/bias', shape: [1], dtype: 'float32' },
        ],
      },
    ],
  };
  await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
  await writeFile(join(dir, 'weights.bin'), new Uint8Array(Float32Array.of(10, 250).buffer));
  return join(dir, 'model.json');
}

describe('mixedml fit --pretrained model.json --save, then predict', () => {
  it('fine-tunes the model by the EM and predicts with the fine-tuned weights', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mixedml-pretrained-cli-'));
    const model = await writeLinearModel(dir);
    const project = join(dir, 'p.mixedml');
    const json = join(dir, 'fit.json');
    await mixedml(
      'fit',
      '--data',
      sleepCsv,
      '--formula',
      formula,
      '--pretrained',
      model,
      '--max-iter',
      '2',
      '--max-epochs',
      '3',
      '--save',
      project,
      '--json',
      json,
    );
    const fit = JSON.parse(await readFile(json, 'utf8')) as { learner: string; iterations: number };
    expect(fit.learner).toBe('pretrained');
    expect(fit.iterations).toBe(2);
    const saved = JSON.parse(await readFile(project, 'utf8')) as { analyses: { learner: { kind: string } }[] };
    expect(saved.analyses[0]!.learner.kind).toBe('pretrained');
    const rows = readPredictions(await mixedml('predict', '--project', project, '--data', sleepCsv, '--out', '-'));
    expect(rows).toHaveLength(180);
    // Day 0 of subject 308: f(0) is the bias, moved from the hand-set 250 by fine-tuning, but by less than 1: Adam
    // moves a weight by about its learning rate (0.01) per batch, and 2 EM steps of at most 3 epochs are 36 batches.
    const out = Number(rows[0]!.pred_out);
    expect(out).not.toBe(250);
    expect(Math.abs(out - 250)).toBeLessThan(1);
  });
});

describe('mixedml predict with a derived column the new data lacks', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mixedml-predict-derived-'));
  // The project as the app saves it: sleepstudy with Days centred at its mean (4.5), and the model on that column.
  // With an unstructured covariance, centring the slope's variable reparametrises the model: lme4's fitted values
  // stay those of Reaction ~ Days + (Days | Subject).
  const store = new DatasetStore();
  const opened = await store.openPath(sleepCsv);
  const dataset = store.derive(opened.id, { kind: 'centerGrand', name: 'Days_c', source: 'Days' });
  const spec = ModelSpecSchema.parse({
    formula: 'Reaction ~ Days_c + (Days_c | Subject)',
    learner: 'lme',
    estimator: 'reml',
  });
  const outcome = await fitTable(dataset.table, spec);
  const analysis = {
    id: 'a1',
    datasetId: dataset.id,
    spec,
    createdAt: 0,
    fit: outcome.result,
    learner: outcome.learner,
  };
  const project = join(dir, 'centred.mixedml');
  await writeProjectFile(project, makeProject([dataset], [analysis]));

  it("centres the new rows at the training mean, giving lme4's fitted values", async () => {
    // Only days 5 to 9, whose own mean is 7: centring them at it would shift every prediction.
    const lines = (await readFile(sleepCsv, 'utf8')).trim().split(/\r?\n/);
    const days = lines[0]!.split(',').indexOf('"Days"');
    const kept = lines.slice(1).flatMap((line, i) => (Number(line.split(',')[days]) >= 5 ? [i] : []));
    expect(kept).toHaveLength(90);
    const data = join(dir, 'late.csv');
    await writeFile(data, `${[lines[0], ...kept.map((i) => lines[i + 1])].join('\n')}\n`);
    const rows = readPredictions(await mixedml('predict', '--project', project, '--data', data, '--out', '-'));
    const design = loadReferenceDesign('sleepstudy');
    const ref = loadReference('sleepstudy').REML;
    const [b0, b1] = [ref.fixef['(Intercept)']!, ref.fixef.Days!];
    expect(rows).toHaveLength(kept.length);
    rows.forEach((r, k) => {
      const i = kept[k]!;
      const [u0, u1] = ref.ranef[design.group[i]!]!;
      const expected = b0 + u0! + (b1 + u1!) * design.X[i * 2 + 1]!;
      expect(within(Number(r.pred_within), expected, 1e-3, 0), `row ${i + 1}`).toBe(true);
    });
  });
});
