// The HTML report of a project with an LME fit, a mixedML EM fit and a cross-validation: it carries the numbers
// (checked against lme4's), inline SVG charts, escaped user text, and nothing from outside the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Status } from '../../src-shared/api.ts';
import type { Analysis } from '../../src-shared/project.ts';
import { CvOptionsSchema, ModelSpecSchema, type CvResult, type FitResult } from '../../src-shared/spec.ts';
import { kFoldByRows } from '../engine/cv.ts';
import { loadReference, sharedDir, within } from '../engine/testing/referenceCases.ts';
import { runFold } from './crossValidate.ts';
import { summarizeCv } from './cvSummary.ts';
import { DatasetStore, summarize, type Dataset } from './datasets.ts';
import { designOf, fitTable } from './fits.ts';
import { makeProject } from './projects.ts';
import { makeReportHtml } from './report.ts';
import { escapeHtml, formatNumber } from './reportHtml.ts';
import { makeServices } from './services.ts';

const evil = '<script>alert(1)</script>';
const status: Status = {
  app: 'mixedML Studio',
  version: '9.9.9',
  mode: 'cli',
  node: process.versions.node,
  backend: { name: 'cpu', reason: 'test' },
};

/** sleepstudy with one more column whose name is markup, under a file name that is markup too. */
async function evilSleepstudy(store: DatasetStore): Promise<Dataset> {
  const lines = (await readFile(join(sharedDir, 'datasets', 'sleepstudy.csv'), 'utf8')).trim().split(/\r?\n/);
  const csv = lines.map((line, i) => `${line},${i === 0 ? `"${evil}"` : i % 7}`).join('\n');
  const dataset = await store.add('sleep<b>study.csv', Buffer.from(csv), {}, []);
  return store.derive(dataset.id, { kind: 'centerGrand', name: 'Days_c', source: 'Days' });
}

const lmeSpec = ModelSpecSchema.parse({
  formula: 'Reaction ~ Days + (Days | Subject)',
  learner: 'lme',
  estimator: 'reml',
});
const emSpec = ModelSpecSchema.parse({
  formula: 'Reaction ~ Days_c + (Days_c | Subject)',
  learner: 'linear',
  estimator: 'reml',
  seed: 11,
});

describe('report text', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">Tom's & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });

  it('prints four significant digits, without exponents from 1e-4 to 1e6', () => {
    const cases: [number, string][] = [
      [251.405104848485, '251.4'],
      [-0.000496593287794898, '-0.0004966'],
      [24678.1771948467, '24678'],
      [0, '0'],
      [3e-7, '3.00e-7'],
      [1234567, '1.23e+6'],
      [NaN, 'NA'],
      [-Infinity, '-Inf'],
    ];
    for (const [x, text] of cases) expect(formatNumber(x), String(x)).toBe(text);
  });
});

describe('makeReportHtml', () => {
  let html: string;
  let lmeFit: FitResult;
  let cv: CvResult;

  beforeAll(async () => {
    const store = new DatasetStore();
    const dataset = await evilSleepstudy(store);
    lmeFit = (await fitTable(dataset.table, lmeSpec)).result;
    const emFit = (await fitTable(dataset.table, emSpec)).result;
    const options = CvOptionsSchema.parse({ folds: 3, seed: 5 });
    const design = designOf(dataset.table, emSpec);
    const outcomes = [];
    for (const fold of kFoldByRows(design.n, options.folds, options.seed)) {
      outcomes.push(await runFold(design, emSpec, fold, options.compare));
    }
    cv = summarizeCv(outcomes, emSpec, options, design.zNames);
    const analyses: Analysis[] = [
      { id: 'a1', datasetId: dataset.id, spec: lmeSpec, createdAt: 0, fit: lmeFit },
      { id: 'a2', datasetId: dataset.id, spec: emSpec, createdAt: 0, fit: emFit, cv: { options, result: cv } },
    ];
    html = makeReportHtml(makeProject([dataset], analyses), [summarize(dataset)], { status });
  });

  it('shows the fixed effects, SDs and correlations to four significant digits', () => {
    const ref = loadReference('sleepstudy').REML;
    const cell = (x: number) => `<td class="num">${x.toPrecision(4)}</td>`;
    for (const name of ['(Intercept)', 'Days']) {
      // The fit is lme4's (to the tolerance of ../shared/reference/README.md); the report prints it.
      expect(within(lmeFit.fixef[name]!, ref.fixef[name]!, 1e-3, 1)).toBe(true);
      expect(html).toContain(cell(lmeFit.fixef[name]!));
      expect(html).toContain(cell(lmeFit.fixef_se[name]!));
    }
    const [[v0, c01], [, v1]] = lmeFit.re_cov as [[number, number], [number, number]];
    expect(html).toContain(cell(Math.sqrt(v0)));
    expect(html).toContain(cell(Math.sqrt(v1)));
    expect(html).toContain(cell(lmeFit.sigma));
    expect(html).toContain(cell(c01 / Math.sqrt(v0 * v1)));
  });

  it('prints counts as integers in the model summary', () => {
    expect(html).toContain('<tr><td>Observations</td><td class="num">180</td></tr>');
    expect(html).toContain(`<tr><td>Iterations</td><td class="num">${lmeFit.iterations}</td></tr>`);
  });

  it('gives the spec as an lme4 formula with its learner, estimator and seed', () => {
    expect(html).toContain('<dd>Reaction ~ Days + (Days | Subject)</dd>');
    expect(html).toContain('<dd>Reaction ~ Days_c + (Days_c | Subject)</dd>');
    expect(html).toMatch(/<dt>Seed<\/dt><dd>11<\/dd>/);
    expect(html).toContain('<dt>Estimator</dt><dd>REML</dd>');
  });

  it('draws the GLL and the caterpillars as inline SVG', () => {
    const svgs = html.match(/<svg[\s>]/g) ?? [];
    // Two caterpillars per fit (intercept and slope; with intervals for the LME), one GLL chart for the EM fit.
    expect(svgs).toHaveLength(5);
    expect(html).toContain('Convergence: the generalised log-likelihood per iteration');
    expect(html).toContain('Random effects of Subject: Days');
  });

  it('shows the cross-validation in the paper’s layout, mean (SD) over folds', () => {
    expect(html).toContain('Cross-validation, 3 folds');
    const within = cv.metrics.mse_within!.test;
    expect(html).toContain(`${within.mean.toPrecision(4)} (${within.sd!.toPrecision(4)})`);
    expect(html).toContain('<td>Cov(Days_c, (Intercept))</td>');
    expect(html).toContain('<td>Fixed effect Days_c</td>');
    for (const model of [
      'mixedML linear REML',
      'LME',
      'linear without clusters (ml)',
      'linear with one-hot clusters (hot)',
    ]) {
      expect(html).toContain(`<th class="num">${model}</th>`);
    }
  });

  it('gives the lme4 call and the command lines', () => {
    expect(html).toContain('fit &lt;- lmer(Reaction ~ Days + (Days | Subject), data = dat, REML = TRUE)');
    expect(html).toContain('dat$Days_c &lt;- dat$Days - mean(dat$Days, na.rm = TRUE)');
    expect(html).toContain('mixedml fit --data');
    expect(html).toContain('mixedml cv --data');
    expect(html).toContain('--folds 3');
  });

  it('escapes user text and has no scripts', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('sleep&lt;b&gt;study.csv');
    expect(html).not.toContain('<b>');
  });

  it('refers to nothing outside the file', () => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*(?!["']?#)/i);
    expect(html).not.toMatch(/url\((?!#)/i);
  });

  it('names the software and the seeds', () => {
    expect(html).toContain(`<td>Node.js</td><td>${process.versions.node}</td>`);
    expect(html).toContain('<td>mixedML Studio</td><td>9.9.9</td>');
    expect(html).toContain('seed 11; cross-validation folds seed 5');
  });
});

describe('reports.html and reports.save', () => {
  const services = makeServices({ mode: 'cli', workers: 1 });
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mixedml-report-'));
  });
  afterAll(async () => {
    await services.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("adds the project's data sets and writes the report atomically, as .html", async () => {
    const { handlers } = services;
    const dataset = await handlers['datasets.openPath']({ path: join(sharedDir, 'datasets', 'sleepstudy.csv') });
    const analyses: Analysis[] = [{ id: 'a', datasetId: dataset.id, spec: lmeSpec, createdAt: 0 }];
    const { html } = await handlers['reports.html']({ analyses, datasetIds: [dataset.id] });
    expect(html).toContain('<h3>sleepstudy.csv</h3><p>180 rows, 3 variables.</p>');
    expect(html).toContain('This analysis has not been run.');
    const { path } = await handlers['reports.save']({ path: join(dir, 'report'), analyses, datasetIds: [dataset.id] });
    expect(path).toBe(join(dir, 'report.html'));
    expect(await readFile(path, 'utf8')).toContain('<h3>sleepstudy.csv</h3>');
    expect(await readdir(dir)).toEqual(['report.html']);
  });

  it('says where PDF reports are made when no printer is wired (browser mode, CLI)', async () => {
    await expect(
      services.handlers['reports.pdf']({ path: join(dir, 'r.pdf'), analyses: [], datasetIds: [] }),
    ).rejects.toThrow(/desktop app/);
  });
});
