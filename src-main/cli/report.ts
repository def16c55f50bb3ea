// `mixedml report`: the self-contained HTML report of a saved project (services/report.ts), as the app writes it.
import { basename } from 'node:path';
import { readProjectFile } from '../services/projects.ts';
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
    const project = await readProjectFile(path);
    // The data sets are read again from their embedded bytes, as opening the project does; ids stay the file's.
    const store = new DatasetStore();
    const summaries = [];
    for (const d of project.datasets) {
      const dataset = await store.add(d.name, Buffer.from(d.bytes, 'base64'), { sheet: d.sheet }, d.derived);
      summaries.push({ ...summarize(dataset), id: d.id });
    }
    const html = makeReportHtml(project, summaries, { status: await getStatus('cli'), projectFile: basename(path) });
    const saved = await saveHtmlReport(out, html);
    process.stdout.write(`report of ${project.analyses.length} analyses written to ${saved.path}\n`);
    return 0;
  },
};
