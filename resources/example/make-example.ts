// Makes the built-in example project, example.mixedml: the seed paper's Appendix B data (200 clusters, seed 2026, the
// nonlinear variant, as `mixedml simulate --clusters 200 --seed 2026 --nonlinear` draws it, rounded to 4 decimals to
// keep the file small) with one analysis, the LME fitted by REML, ready to show. Run from the repository root:
//   node --import tsx resources/example/make-example.ts
import { join } from 'node:path';
import type { Analysis } from '../../src-shared/project.ts';
import { ModelSpecSchema } from '../../src-shared/spec.ts';
import { formatCsv } from '../../src-main/data/writeCsv.ts';
import { simulate } from '../../src-main/engine/simulate.ts';
import { DatasetStore } from '../../src-main/services/datasets.ts';
import { fitTable } from '../../src-main/services/fits.ts';
import { makeProject, writeProjectFile } from '../../src-main/services/projects.ts';

const simulated = simulate({ clusters: 200, seed: 2026, nonlinear: true });
const rounded = {
  ...simulated,
  columns: simulated.columns.map((c) => ({ ...c, values: c.values.map((v) => Math.round(v * 1e4) / 1e4) })),
};
const dataset = await new DatasetStore().add('appendix_b_nonlinear.csv', Buffer.from(formatCsv(rounded)), {}, []);

// The main effects of every feature, a random intercept and a random slope of x1_1 per cluster.
const features = [...Array.from({ length: 10 }, (_, k) => `x1_${k + 1}`), 'x2_1', 'x2_2', 'x2_3'];
const spec = ModelSpecSchema.parse({
  formula: `y ~ ${features.join(' + ')} + (x1_1 | cluster)`,
  learner: 'lme',
  estimator: 'reml',
});
const { result, learner } = await fitTable(dataset.table, spec);
const analysis: Analysis = {
  id: 'example-lme',
  datasetId: dataset.id,
  spec,
  createdAt: Date.now(),
  fit: result,
  learner,
};
const path = join(import.meta.dirname, 'example.mixedml');
await writeProjectFile(path, makeProject([dataset], [analysis]));
process.stdout.write(`${path}: ${dataset.table.nrows} rows, LME REML logLik ${result.logLik.toFixed(2)}\n`);
