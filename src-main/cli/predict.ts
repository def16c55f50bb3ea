// `mixedml predict`: predict a data file with a model saved in a project (`mixedml fit --save`), one CSV line per row:
// the within and out predictions of MATH.md section 4 and the random effects each row used.
import { basename } from 'node:path';
import { parseFormula } from '../../src-shared/formula.ts';
import type { Analysis, Project } from '../../src-shared/project.ts';
import { DatasetStore } from '../services/datasets.ts';
import { readTableFile } from '../data/readTableFile.ts';
import { findColumn, type Column, type Table } from '../data/table.ts';
import { formatCsv, writeCsv } from '../data/writeCsv.ts';
import { predictAnalysis, predictorsOf, type Predictions, type TrainingData } from '../services/predictions.ts';
import { readProjectFile } from '../services/projects.ts';
import { CliError, type Command } from './commands.ts';
import { requireString, sheetOption } from './fit.ts';

export const predictCommand: Command = {
  summary: 'predict new data with a model saved in a project (mixedml fit --save)',
  usage:
    'predict --project P.mixedml --data NEW --out preds.csv|- [--analysis ID] [--sheet S]\n\n' +
    'Writes per row of NEW: row (1-based), the cluster, pred_within (f(x) + z u), pred_out (f(x)), cluster_status ' +
    '(trained; new: not in the training data but with outcome values in NEW, which give its random effects; ' +
    'unknown: neither, so pred_within = pred_out) and the random effects used (u_<name>). The outcome column may be ' +
    'absent from NEW. Rows missing a predictor or the cluster are left out.',
  options: {
    project: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    analysis: { type: 'string' },
    sheet: { type: 'string' },
  },
  async run(values) {
    const projectPath = requireString(values.project, '--project P.mixedml');
    const data = requireString(values.data, '--data NEW');
    const out = requireString(values.out, '--out preds.csv');
    const project = await readProjectFile(projectPath);
    const analysis = chooseAnalysis(project, basename(projectPath), values.analysis as string | undefined);
    const sheet = typeof values.sheet === 'string' ? sheetOption(values.sheet) : undefined;
    const rows = await readTableFile(data, { sheet });
    const predictions = await predictAnalysis(analysis, rows, await trainingData(project, analysis, rows));
    const table = predictionTable(predictions);
    if (out === '-') process.stdout.write(formatCsv(table));
    else await writeCsv(table, out);
    const log = out === '-' ? process.stderr : process.stdout;
    log.write(`${summary(predictions, basename(data), analysis)}${out === '-' ? '' : ` Written to ${out}.`}\n`);
    return 0;
  },
};

/**
 * The analysis' training data from the project, for the recipes of derived columns the model uses and NEW lacks;
 * read only then, since it parses the whole embedded file.
 */
async function trainingData(project: Project, analysis: Analysis, table: Table): Promise<TrainingData | undefined> {
  const embedded = project.datasets.find((d) => d.id === analysis.datasetId);
  if (!embedded || embedded.derived.length === 0) return undefined;
  if (predictorsOf(parseFormula(analysis.spec.formula)).every((name) => findColumn(table, name))) return undefined;
  const bytes = Buffer.from(embedded.bytes, 'base64');
  return new DatasetStore().add(embedded.name, bytes, { sheet: embedded.sheet }, embedded.derived);
}

/** The analysis named by --analysis, or the project's only fitted one. */
function chooseAnalysis(project: Project, file: string, id: string | undefined): Analysis {
  const describe = (a: Analysis) => `${a.id} (${a.spec.learner}, ${a.spec.estimator}: ${a.spec.formula})`;
  const fitted = project.analyses.filter((a) => a.fit && a.learner !== undefined);
  if (id !== undefined) {
    const chosen = project.analyses.find((a) => a.id === id);
    if (!chosen) {
      const known = project.analyses.map(describe).join('; ') || 'none';
      throw new CliError(`${file} has no analysis ${id}; its analyses: ${known}`);
    }
    return chosen;
  }
  if (fitted.length === 1) return fitted[0]!;
  if (fitted.length === 0) {
    throw new CliError(`${file} holds no fitted model to predict with: save one with mixedml fit ... --save ${file}`);
  }
  throw new CliError(
    `${file} holds ${fitted.length} fitted models: choose one with --analysis ID (${fitted.map(describe).join('; ')})`,
  );
}

function predictionTable(p: Predictions): Table {
  const numeric = (name: string, values: ArrayLike<number>): Column => ({
    name,
    label: '',
    type: 'numeric',
    values: Float64Array.from(values),
  });
  const text = (name: string, values: string[]): Column => {
    const levels = [...new Set(values)];
    const code = new Map(levels.map((level, k) => [level, k]));
    return { name, label: '', type: 'string', levels, values: Float64Array.from(values, (v) => code.get(v)!) };
  };
  return {
    source: 'predictions',
    nrows: p.rows.length,
    columns: [
      numeric(
        'row',
        p.rows.map((r) => r.row),
      ),
      text(
        'cluster',
        p.rows.map((r) => r.cluster),
      ),
      numeric(
        'pred_within',
        p.rows.map((r) => r.within),
      ),
      numeric(
        'pred_out',
        p.rows.map((r) => r.out),
      ),
      text(
        'cluster_status',
        p.rows.map((r) => r.status),
      ),
      // A cluster without random effects gets empty cells: no u was used, which is not u = 0 estimated.
      ...p.reNames.map((name, a) =>
        numeric(
          `u_${name}`,
          p.rows.map((r) => r.ranef?.[a] ?? NaN),
        ),
      ),
    ],
  };
}

function summary(p: Predictions, file: string, analysis: Analysis): string {
  const count = (status: string) => p.rows.filter((r) => r.status === status).length;
  const fresh = Object.keys(p.newClusters).length;
  const parts = [`${count('trained')} in trained clusters`];
  if (fresh > 0) {
    parts.push(`${count('new')} in ${fresh} new cluster${fresh === 1 ? '' : 's'} (random effects from their outcomes)`);
  }
  if (count('unknown') > 0) parts.push(`${count('unknown')} in unknown clusters (pred_within = pred_out)`);
  const left = p.dropped > 0 ? ` ${p.dropped} rows with a missing predictor or cluster were left out.` : '';
  return (
    `Predicted ${p.rows.length} rows of ${file} with ${analysis.spec.learner} (${analysis.spec.estimator}): ` +
    `${parts.join(', ')}.${left}`
  );
}
