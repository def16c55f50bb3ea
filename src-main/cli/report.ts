// `mixedml report`: the self-contained HTML report of a saved project (services/report.ts), as the app writes it.
import { basename } from 'node:path';
import { makeProject, openProject } from '../services/projects.ts';
import { DatasetStore, summarize } from '../services/datasets.ts';
import { makeReportHtml } from '../services/report.ts';
import { saveHtmlReport } from '../services/reports.ts';
import { getStatus } from '../services/status.ts';
import { requireString } from './fit.ts';
import type { Command } from './commands.ts';

export const reportCommand: Command = {
  summary: 'write the HTML report of a project (data, models, tables, charts, code, versions)',
  usage: 'report --project P.mixedml --out report.html',
  options: {
    project: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values) {
    const path = requireString(values.project, '--project P.mixedml');
    const out = requireString(values.out, '--out report.html');
    const { datasets, analyses } = await openProject(path, new DatasetStore());
    const project = makeProject(datasets, analyses);
    const html = makeReportHtml(project, datasets.map(summarize), {
      status: await getStatus('cli'),
      projectFile: basename(path),
    });
    const saved = await saveHtmlReport(out, html);
    process.stdout.write(`report of ${project.analyses.length} analyses written to ${saved.path}\n`);
    return 0;
  },
};
