// The report as PDF (`reports.pdf`): Chromium prints the HTML of services/report.ts in a hidden window. The report has
// no scripts, so the window runs none; it loads from a temp file because a data: URL stops at 2 MB and charts of
// many clusters can pass that. The A4 page and margins come from the report's own @page rule.
import { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function printReportPdf(html: string): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'mixedml-report-'));
  const window = new BrowserWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  try {
    const file = join(dir, 'report.html');
    await writeFile(file, html);
    await window.loadFile(file);
    return await window.webContents.printToPDF({
      printBackground: true,
      preferCSSPageSize: true,
      generateDocumentOutline: true,
      generateTaggedPDF: true,
    });
  } finally {
    window.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
