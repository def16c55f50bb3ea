// The report of a project as one self-contained HTML file: data summary, every analysis (spec as an lme4 formula,
// tables, warnings, charts as inline SVG, the CV comparison, "Show as code") and the software and seeds that made it.
// No scripts and no external resources: it opens offline, prints to PDF (electron/reportPdf.ts), and survives e-mail.
import type { DatasetSummary, Status } from '../../src-shared/api.ts';
import { cliCommand, lme4Call, lme4Formula } from '../../src-shared/code.ts';
import { printFormula } from '../../src-shared/formula.ts';
import type { Analysis, Project } from '../../src-shared/project.ts';
import type { ModelSpec } from '../../src-shared/spec.ts';
import { caterpillarPoints, fitWarnings } from '../../src-shared/fitPresentation.ts';
import { caterpillarChart, gllChart } from './reportCharts.ts';
import { escapeHtml, formatNumber, Numbering } from './reportHtml.ts';
import { reportStyle } from './reportStyle.ts';
import { cvComparisonTable } from '../../src-shared/tables/cvTable.ts';
import { fitSummaryTable, fixedEffectsTable, varianceComponentsTable } from '../../src-shared/tables/fitTables.ts';
import { reportTable, variablesTable } from './reportTables.ts';

/** What the report reads of a project: the embedded bytes are not needed. */
export type ReportProject = Pick<Project, 'app' | 'savedAt' | 'analyses'> & {
  datasets: Omit<Project['datasets'][number], 'bytes'>[];
};

export interface ReportOptions {
  /** The software making the report (the `status` service). */
  status: Status;
  /** The project file the report was made from, when there is one (the CLI); a live session has none. */
  projectFile?: string;
  madeAt?: Date;
}

const learnerNames: Record<ModelSpec['learner'], string> = {
  lme: 'linear mixed model',
  linear: 'linear regression',
  nn_linear: 'linear neural network (NN_lin)',
  mlp: 'multilayer perceptron (MLP)',
  svr: 'support vector regression (SVR)',
  forest: 'random forest',
  pretrained: 'pretrained neural network',
};

const estimatorNames: Record<ModelSpec['estimator'], string> = {
  reml: 'REML',
  ml: 'ML',
  oob: 'OOB (out-of-the-box loop with REML LME steps)',
};

/** `datasets` are the summaries of the project's data sets, matched by id. */
export function makeReportHtml(
  project: ReportProject,
  datasets: readonly DatasetSummary[],
  options: ReportOptions,
): string {
  const numbering = new Numbering();
  const madeAt = options.madeAt ?? new Date();
  const body = [
    `<header><h1>mixedML Studio report</h1><p class="meta">Made ${madeAt.toISOString().slice(0, 16).replace('T', ' ')} UTC by ` +
      `${escapeHtml(options.status.app)} ${escapeHtml(options.status.version)}.</p></header>`,
    contents(project.analyses),
    '<section id="data"><h2>Data</h2>',
    ...datasets.map((d) => datasetSection(d, numbering)),
    '</section>',
    ...project.analyses.map((a, k) => analysisSection(a, k, project, datasets, numbering)),
    softwareSection(project, options, numbering),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>mixedML Studio report</title><style>${reportStyle}</style></head>`,
    `<body>\n${body.join('\n')}\n</body></html>`,
  ].join('\n');
}

function contents(analyses: readonly Analysis[]): string {
  const items = analyses.map((a, k) => `<li><a href="#analysis-${k + 1}">${escapeHtml(analysisTitle(a, k))}</a></li>`);
  return `<nav><ol><li><a href="#data">Data</a></li>${items.join('')}<li><a href="#software">Software and seeds</a></li></ol></nav>`;
}

function datasetSection(dataset: DatasetSummary, numbering: Numbering): string {
  const warnings = dataset.warnings.length
    ? `<ul class="warnings">${dataset.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`
    : '';
  const derived = dataset.variables.filter((v) => v.derived).length;
  return (
    `<h3>${escapeHtml(dataset.name)}</h3><p>${dataset.nrows} rows, ${dataset.variables.length} variables` +
    `${derived ? ` (${derived} derived)` : ''}.</p>${warnings}\n${numbering.table(variablesTable(dataset))}`
  );
}

function analysisTitle(analysis: Analysis, k: number): string {
  const { learner, estimator } = analysis.spec;
  const model = learner === 'lme' ? 'Linear mixed model' : `mixedML with ${learnerNames[learner]}`;
  return `Analysis ${k + 1}: ${model}, ${estimator.toUpperCase()}`;
}

function analysisSection(
  analysis: Analysis,
  k: number,
  project: ReportProject,
  summaries: readonly DatasetSummary[],
  numbering: Numbering,
): string {
  const { spec, fit, cv } = analysis;
  const dataset = project.datasets.find((d) => d.id === analysis.datasetId);
  const dataName = dataset?.name ?? summaries.find((d) => d.id === analysis.datasetId)?.name ?? 'data.csv';
  const source = { derived: dataset?.derived ?? [], sheet: dataset?.sheet };
  const parts = [
    `<section class="analysis" id="analysis-${k + 1}"><h2>${escapeHtml(analysisTitle(analysis, k))}</h2>`,
    specList(analysis, dataName),
  ];
  if (fit) {
    const warnings = fitWarnings(fit);
    if (warnings.length) {
      parts.push(`<ul class="warnings">${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`);
    }
    // A learner without coefficients (forest, SVR, nets) has no fixed-effects table.
    if (Object.keys(fit.fixef).length > 0) parts.push(numbering.table(reportTable(fixedEffectsTable(fit))));
    parts.push(
      numbering.table(reportTable(varianceComponentsTable(fit))),
      numbering.table(reportTable(fitSummaryTable(fit))),
    );
    if (fit.gll && fit.gll.length > 1) {
      parts.push(
        numbering.figure(
          gllChart(fit.gll),
          'Convergence: the generalised log-likelihood per iteration',
          'The fit stops when the GLL changes by less than the tolerance relative to its value.',
        ),
      );
    }
    const intervals = fit.ranef_condvar_diag.length === fit.ranef.levels.length;
    fit.re_names.forEach((name, effect) => {
      if (fit.ranef.levels.length === 0) return;
      parts.push(
        numbering.figure(
          caterpillarChart(caterpillarPoints(fit, effect), name, fit.group),
          `Random effects of ${fit.group}: ${name}`,
          (intervals
            ? 'Each cluster’s conditional mode with its 95% interval (± 1.96 conditional SD), sorted by the mode'
            : 'Each cluster’s predicted random effect, sorted (this fit gives no intervals)') +
            '; the dashed line is zero.',
        ),
      );
    });
  }
  if (cv) parts.push(numbering.table(reportTable(cvComparisonTable(cv.result))));
  if (!fit && !cv) parts.push('<p>This analysis has not been run.</p>');
  parts.push(
    '<h3>Show as code</h3><p>The linear mixed model in R with lme4:</p>',
    `<pre><code>${escapeHtml(lme4Call(spec, dataName, source))}</code></pre>`,
    '<p>The run with the <code>mixedml</code> command:</p>',
  );
  if (fit || !cv) parts.push(`<pre><code>${escapeHtml(cliCommand(spec, dataName, source))}</code></pre>`);
  if (cv)
    parts.push(`<pre><code>${escapeHtml(cliCommand(spec, dataName, { ...source, cv: cv.options }))}</code></pre>`);
  parts.push('</section>');
  return parts.join('\n');
}

function specList(analysis: Analysis, dataName: string): string {
  const { spec, fit } = analysis;
  const options = fit?.learner_description.options ?? spec.learnerOptions;
  const optionText = Object.entries(options)
    .map(([name, value]) => `${name} = ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  const entries: [string, string][] = [
    ['Data', dataName],
    ['Model (lme4 formula)', printFormula(lme4Formula(spec))],
    ['Learner', fit?.learner_description.label ?? learnerNames[spec.learner]],
    ['Estimator', estimatorNames[spec.estimator]],
    ['Random-effects covariance', spec.covariance],
  ];
  if (spec.learner !== 'lme') {
    entries.push(
      ['Learner options', optionText || 'defaults'],
      ['Stopping rule', stoppingRuleText(fit?.stopping_rule, fit?.tol ?? spec.tol, spec.maxIter)],
      ['Seed', String(spec.seed)],
    );
  }
  if (fit?.backend) entries.push(['TensorFlow.js backend', fit.backend]);
  if (analysis.cv) {
    const { folds, grouped, seed } = analysis.cv.options;
    entries.push(['Cross-validation', `${folds} folds${grouped ? ', whole clusters held out' : ''}, seed ${seed}`]);
  }
  const rows = entries.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`);
  return `<dl class="spec">${rows.join('')}</dl>`;
}

function softwareSection(project: ReportProject, options: ReportOptions, numbering: Numbering): string {
  const { status } = options;
  const rows: string[][] = [
    [status.app, status.version],
    ['Node.js', status.node],
    ['TensorFlow.js backend', `${status.backend.name} (${status.backend.reason})`],
  ];
  if (options.projectFile) {
    rows.push([
      'Project file',
      `${options.projectFile}, saved by ${project.app.name} ${project.app.version} ${project.savedAt}`,
    ]);
  }
  const seeds = project.analyses.map((a, k) => {
    const cv = a.cv ? `; cross-validation folds seed ${a.cv.options.seed}` : '';
    return [`Analysis ${k + 1}`, `seed ${a.spec.seed}${cv}`];
  });
  return (
    '<section id="software"><h2>Software and seeds</h2>' +
    numbering.table({ title: 'Software', head: ['Component', 'Version'], rows, textColumns: 2 }) +
    (seeds.length
      ? numbering.table({
          title: 'Seeds',
          head: ['Analysis', 'Seeds'],
          rows: seeds,
          textColumns: 2,
          note: 'The same project, seed and learner give the same numbers on the same machine.',
        })
      : '') +
    `<p class="meta">Numbers print with four significant digits (${escapeHtml(formatNumber(Math.PI))} for π).</p></section>`
  );
}

/** The EM's stopping rule as used (engine/em/stoppingRule.ts): the fit records it; an unrun analysis has the spec's. */
function stoppingRuleText(
  rule: 'relative-change' | 'no-decrease' | undefined,
  tol: number | undefined,
  maxIter: number,
) {
  const tolerance = tol === undefined ? "the learner's default tolerance" : String(tol);
  const test =
    rule === 'no-decrease'
      ? `stop once the GLL no longer falls by more than ${tolerance} × |GLL|`
      : `|GLL change| ≤ ${tolerance} × |GLL|`;
  return `${test}, at most ${maxIter} iterations`;
}
