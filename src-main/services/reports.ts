// The `reports.*` services: the report of a session (its open data sets and the window's analyses) as HTML, saved
// as .html, or printed to .pdf by Electron (electron/reportPdf.ts). Files are written atomically.
import { ApiError } from '../../src-shared/api.ts';
import type { Analysis } from '../../src-shared/project.ts';
import { summarize, type Dataset } from './datasets.ts';
import { makeProject } from './projects.ts';
import { makeReportHtml } from './report.ts';
import { getStatus } from './status.ts';
import { withExtension, writeFileAtomic } from './writeAtomic.ts';
import type { Status } from '../../src-shared/api.ts';

/** Renders an HTML page to PDF bytes; only Electron has one. */
export type PrintPdf = (html: string) => Promise<Uint8Array>;

export async function sessionReport(
  datasets: readonly Dataset[],
  analyses: readonly Analysis[],
  mode: Status['mode'],
): Promise<string> {
  return makeReportHtml(makeProject(datasets, analyses), datasets.map(summarize), { status: await getStatus(mode) });
}

export async function saveHtmlReport(path: string, html: string): Promise<{ path: string }> {
  const target = withExtension(path, '.html');
  await writeFileAtomic(target, html, 'report');
  return { path: target };
}

export async function savePdfReport(
  print: PrintPdf | undefined,
  path: string,
  html: string,
): Promise<{ path: string }> {
  if (!print) {
    throw new ApiError(
      'failed',
      'PDF reports are made by the desktop app. Here, save the HTML report and print it to PDF from the browser.',
    );
  }
  const target = withExtension(path, '.pdf');
  await writeFileAtomic(target, await print(html), 'PDF report');
  return { path: target };
}
