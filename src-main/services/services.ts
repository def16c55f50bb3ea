// Transport-free handlers implementing src-shared/api.ts, and the events they push. IPC (electron/ipc.ts) and HTTP
// (server/) bind these and nothing else, so both transports behave the same.
import {
  methods,
  type ApiEvent,
  type Method,
  type RequestOf,
  type ResponseOf,
  type Status,
} from '../../src-shared/api.ts';
import type { WorkerEntry } from '../jobs/startWorker.ts';
import { DatasetStore, summarize } from './datasets.ts';
import { JobService } from './jobs.ts';
import { makeProject, openProject, writeProjectFile } from './projects.ts';
import { withExtension } from './writeAtomic.ts';
import { predictAnalysis } from './predictions.ts';
import { Recovery, recoveryDir } from './recovery.ts';
import { getStatus } from './status.ts';
import { exampleProjectPath } from './exampleProject.ts';
import { saveHtmlReport, savePdfReport, sessionReport, type PrintPdf } from './reports.ts';

export type Handlers = { [M in Method]: (request: RequestOf<M>) => Promise<ResponseOf<M>> };

export interface Services {
  handlers: Handlers;
  /** Subscribe to pushed events (job progress); returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
  close(): Promise<void>;
}

export interface ServiceOptions {
  mode: Status['mode'];
  /** The fit worker's entry: the .ts file under tsx, the bundled chunk in Electron (jobs/startWorker.ts). */
  workerEntry?: WorkerEntry;
  workers?: number;
  /** The project file the app was started with (Electron's file association), handed to the window once. */
  launchFile?: () => string | null;
  /** Native dialogs (Electron); elsewhere the dialogs answer null and the window asks for a path. */
  dialogs?: Pick<Handlers, 'dialogs.openFile' | 'dialogs.saveFile'>;
  /** Prints the HTML report to PDF (Electron); elsewhere `reports.pdf` says to print from the browser. */
  printPdf?: PrintPdf;
  /** The app's per-user folder (Electron's userData): the recovery file goes below it (services/recovery.ts). */
  appDataDir?: string;
}

const defaultWorkerEntry = new URL('../jobs/fit.worker.ts', import.meta.url);

export function makeServices(options: ServiceOptions): Services {
  const datasets = new DatasetStore();
  const jobs = new JobService(options.workerEntry ?? defaultWorkerEntry, options.workers);
  const recovery = new Recovery(recoveryDir(options.appDataDir));
  const handlers: Handlers = {
    status: () => getStatus(options.mode),
    'datasets.openPath': async ({ path, sheet }) => summarize(await datasets.openPath(path, { sheet })),
    'datasets.upload': async ({ name, base64, sheet }) =>
      summarize(await datasets.add(name, Buffer.from(base64, 'base64'), { sheet }, [])),
    'datasets.rows': async ({ id, offset, limit }) => ({ offset, rows: datasets.rows(id, offset, limit) }),
    'datasets.derive': async ({ id, column }) => summarize(datasets.derive(id, column)),
    'jobs.fit': async ({ datasetId, spec }) => jobs.fit(datasets.get(datasetId), spec),
    'jobs.cancel': async ({ id }) => {
      jobs.cancel(id);
      return {};
    },
    'jobs.list': async () => jobs.list(),
    'jobs.cv': async ({ datasetId, spec, cv }) => jobs.cv(datasets.get(datasetId), spec, cv),
    'jobs.result': async ({ id }) => jobs.result(id),
    'projects.save': async ({ path, analyses, datasetIds }) => {
      const target = withExtension(path, '.mixedml');
      await writeProjectFile(target, makeProject(datasets.pick(datasetIds, analyses), analyses));
      return { path: target };
    },
    'projects.open': async ({ path }) => {
      const opened = await openProject(path, datasets);
      return { path, datasets: opened.datasets.map(summarize), analyses: opened.analyses };
    },
    'projects.autosave': async ({ analyses, datasetIds }) =>
      recovery.save(makeProject(datasets.pick(datasetIds, analyses), analyses)),
    'projects.recovery': async () => recovery.find(),
    'projects.discardRecovery': async () => {
      await recovery.discard();
      return {};
    },
    'predictions.run': async ({ analysis, datasetId }) =>
      // The training data set, open with the project, supplies the recipes of derived columns the new data lacks.
      predictAnalysis(analysis, datasets.get(datasetId).table, datasets.find(analysis.datasetId)),
    'projects.example': async () => {
      const path = exampleProjectPath();
      const opened = await openProject(path, datasets);
      return { path, datasets: opened.datasets.map(summarize), analyses: opened.analyses };
    },
    'reports.html': async ({ analyses, datasetIds }) => ({
      html: await sessionReport(datasets.pick(datasetIds, analyses), analyses, options.mode),
    }),
    'reports.save': async ({ path, analyses, datasetIds }) =>
      saveHtmlReport(path, await sessionReport(datasets.pick(datasetIds, analyses), analyses, options.mode)),
    'reports.pdf': async ({ path, analyses, datasetIds }) =>
      savePdfReport(
        options.printPdf,
        path,
        await sessionReport(datasets.pick(datasetIds, analyses), analyses, options.mode),
      ),
    'app.launchFile': async () => ({ path: options.launchFile?.() ?? null }),
    'dialogs.openFile': async (request) => options.dialogs?.['dialogs.openFile'](request) ?? { path: null },
    'dialogs.saveFile': async (request) => options.dialogs?.['dialogs.saveFile'](request) ?? { path: null },
  };
  return {
    handlers,
    onEvent: (listener) => jobs.on((job) => listener({ type: 'job', job })),
    close: () => jobs.close(),
  };
}

/** Validate a request from outside, run its handler, validate the response. */
export async function dispatch(handlers: Handlers, method: Method, payload: unknown): Promise<unknown> {
  const request = methods[method].request.parse(payload);
  const response = await (handlers[method] as (r: unknown) => Promise<unknown>)(request);
  return methods[method].response.parse(response);
}
