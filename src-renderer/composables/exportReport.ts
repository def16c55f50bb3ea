// The HTML report of the window's analyses (reports.* in api.ts): saved where the user chooses through the native
// dialog in Electron, downloaded in browser mode.
import { api } from '../api/client.ts';
import { downloadText, fileStem } from '../export/download.ts';
import { useDatasetsStore } from '../stores/datasets.ts';
import { useNoticesStore } from '../stores/notices.ts';
import { useProjectStore } from '../stores/project.ts';
import { useResultsStore } from '../stores/results.ts';
import { useStatusStore } from '../stores/status.ts';

export function useReportExport(): () => Promise<void> {
  const status = useStatusStore();
  const notices = useNoticesStore();
  const project = useProjectStore();
  const results = useResultsStore();
  const datasets = useDatasetsStore();

  return async () => {
    if (!datasets.datasets.length && !results.analyses.length) {
      notices.error('Nothing to report yet: open data or a project first.');
      return;
    }
    const fileName = `${fileStem(project.name.replace(/\.mixedml$/, ''))}-report.html`;
    const content = { analyses: results.analyses, datasetIds: datasets.datasets.map((d) => d.id) };
    if ((await status.mode()) === 'electron') {
      const chosen = await notices.attempt('The file dialog failed', () =>
        api.invoke('dialogs.saveFile', { purpose: 'export', defaultName: fileName }),
      );
      const path = chosen?.path;
      if (!path) return;
      const saved = await notices.attempt('Could not save the report', () =>
        api.invoke('reports.save', { path, ...content }),
      );
      if (saved) notices.info(`Saved ${saved.path}`);
      return;
    }
    const report = await notices.attempt('Could not make the report', () => api.invoke('reports.html', content));
    if (report) downloadText(fileName, report.html, 'text/html;charset=utf-8');
  };
}
