// Runs in its own process so that its peak memory is its own: generates a data set with 1,000,000 rows, 10,000
// clusters and 3 correlated random effects, fits it by REML, prints one JSON line. With a path argument it also
// writes the data as CSV there (for lme4), after the fit.
import { writeFileSync } from 'node:fs';
import { fitLme } from '../src-main/engine/lme/fitLme.ts';
import { makeRandom } from '../src-main/engine/random.ts';
import type { MixedDesign } from '../src-main/engine/design.ts';

const n = 1_000_000;
const J = 10_000;
const p = 4;
const q = 3;
const random = makeRandom(2026);
const X = new Float64Array(n * p);
const Z = new Float64Array(n * q);
const y = new Float64Array(n);
const group = new Int32Array(n);
// Random effects with SDs 2, 1, 0.5 and correlations 0.3, -0.2, 0.1 (a Cholesky factor of that covariance).
const L = [2, 0, 0, 0.3, 0.954, 0, -0.1, 0.0629, 0.4929];
const u = new Float64Array(J * q);
for (let j = 0; j < J; j++) {
  const z = [random.normal(), random.normal(), random.normal()];
  for (let a = 0; a < q; a++) u[j * q + a] = L[a * 3]! * z[0]! + L[a * 3 + 1]! * z[1]! + L[a * 3 + 2]! * z[2]!;
}
for (let i = 0; i < n; i++) {
  const j = Math.floor((i * J) / n);
  const x1 = random.normal();
  const x2 = random.normal();
  const x3 = random.normal();
  group[i] = j;
  X.set([1, x1, x2, x3], i * p);
  Z.set([1, x1, x2], i * q);
  y[i] = 5 + x1 - 0.5 * x2 + 0.25 * x3 + u[j * q]! + u[j * q + 1]! * x1 + u[j * q + 2]! * x2 + 2 * random.normal();
}
const design: MixedDesign = {
  n,
  p,
  q,
  J,
  X,
  Z,
  y,
  group,
  xNames: ['(Intercept)', 'x1', 'x2', 'x3'],
  zNames: ['(Intercept)', 'x1', 'x2'],
  levels: Array.from({ length: J }, (_, j) => String(j + 1)),
  response: 'y',
  groupName: 'g',
  factorLevels: {},
  diagonal: false,
  droppedRows: 0,
  missingByColumn: {},
};
const fit = fitLme(design, { reml: true });
const peakMB = process.resourceUsage().maxRSS / 1024;
// Written after the fit so that the CSV text does not count in the fit's peak memory.
const csvPath = process.argv[2];
if (csvPath) {
  const lines = ['y,x1,x2,x3,g'];
  for (let i = 0; i < n; i++) lines.push(`${y[i]},${X[i * p + 1]},${X[i * p + 2]},${X[i * p + 3]},${group[i]! + 1}`);
  writeFileSync(csvPath, lines.join('\n'));
}
console.log(JSON.stringify({ seconds: fit.seconds, criterion: fit.criterion, iterations: fit.iterations, peakMB }));
