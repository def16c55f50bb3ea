// The one typed contract between the renderer and the backend, bound to Electron IPC (src-main/electron/ipc.ts)
// and to loopback HTTP (src-main/server). Every request and response crossing a boundary is validated with these
// schemas on the receiving side.
import { z } from 'zod';
import { JobRecordSchema } from './jobs.ts';
import { AnalysisSchema } from './project.ts';
import { CvOptionsSchema, CvResultSchema, DerivedColumnSchema, FitResultSchema, ModelSpecSchema } from './spec.ts';

export const TfBackendSchema = z.object({
  /** 'tensorflow' is tfjs-node's native backend; 'wasm' and 'cpu' are the pure-JS/wasm fallbacks. */
  name: z.enum(['tensorflow', 'wasm', 'cpu']),
  /** Why this backend was chosen, in words a user can act on. */
  reason: z.string(),
});
export type TfBackend = z.infer<typeof TfBackendSchema>;

export const StatusSchema = z.object({
  app: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser', 'cli']),
  node: z.string(),
  backend: TfBackendSchema,
});
export type Status = z.infer<typeof StatusSchema>;

export const VariableSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['numeric', 'string']),
  n_missing: z.number().int(),
  value_labels: z.record(z.string(), z.number()),
  mean: z.number().nullable(),
  /** Distinct values of a text column (the first 200), in R's factor order. */
  levels: z.array(z.string()).optional(),
  /** True for a column made by a DerivedColumn recipe. */
  derived: z.boolean(),
});
export type Variable = z.infer<typeof VariableSchema>;

export const DatasetSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  nrows: z.number().int(),
  variables: z.array(VariableSchema),
  derived: z.array(DerivedColumnSchema),
  warnings: z.array(z.string()),
});
export type DatasetSummary = z.infer<typeof DatasetSummarySchema>;

/** A cell as the grid shows it: number, text, or null for missing. */
export const CellSchema = z.union([z.number(), z.string(), z.null()]);

const DatasetId = z.object({ id: z.string() });

/**
 * What a project holds: the window's analyses and the data sets it shows. Only these data sets are embedded, never
 * others the session opened before (another study's data must not travel in this project's file).
 */
const ProjectContent = { analyses: z.array(AnalysisSchema), datasetIds: z.array(z.string()) };

/** A job as the window sees it: the pool's record without its (possibly large) result, fetched by `jobs.result`. */
export const JobSummarySchema = JobRecordSchema.omit({ result: true }).extend({ label: z.string() });
export type JobSummary = z.infer<typeof JobSummarySchema>;

export const methods = {
  status: { request: z.object({}), response: StatusSchema },
  /** Read a file the backend can see (a path from a dialog, the CLI, or typed in browser mode). */
  'datasets.openPath': {
    request: z.object({ path: z.string().min(1), sheet: z.union([z.string(), z.number()]).optional() }),
    response: DatasetSummarySchema,
  },
  /** Read a file the user picked in the browser, sent as base64. */
  'datasets.upload': {
    request: z.object({
      name: z.string().min(1),
      base64: z.string(),
      sheet: z.union([z.string(), z.number()]).optional(),
    }),
    response: DatasetSummarySchema,
  },
  'datasets.rows': {
    request: DatasetId.extend({ offset: z.number().int().min(0), limit: z.number().int().min(0).max(5000) }),
    response: z.object({ offset: z.number().int(), rows: z.array(z.array(CellSchema)) }),
  },
  'datasets.derive': {
    request: DatasetId.extend({ column: DerivedColumnSchema }),
    response: DatasetSummarySchema,
  },
  /** Start a fit of a data set in a worker; progress arrives as `job` events. */
  'jobs.fit': {
    request: z.object({ datasetId: z.string(), spec: ModelSpecSchema }),
    response: JobSummarySchema,
  },
  /** Cross-validate a model against the baselines, folds in parallel across workers. */
  'jobs.cv': {
    request: z.object({ datasetId: z.string(), spec: ModelSpecSchema, cv: CvOptionsSchema }),
    response: JobSummarySchema,
  },
  'jobs.cancel': { request: z.object({ id: z.string() }), response: z.object({}) },
  'jobs.list': { request: z.object({}), response: z.array(JobSummarySchema) },
  'jobs.result': {
    request: z.object({ id: z.string() }),
    response: z.object({
      fit: FitResultSchema.optional(),
      cv: CvResultSchema.optional(),
      learner: z.unknown().optional(),
    }),
  },
  /**
   * Write the project: the window sends its analyses and data sets (ProjectContent), whose files are embedded. Atomic (temp file + rename).
   * `path` ends in .mixedml.
   */
  'projects.save': {
    request: z.object({ path: z.string().min(1), ...ProjectContent }),
    response: z.object({ path: z.string() }),
  },
  /** Open a project: its data sets are read again (derived columns recomputed) and its analyses returned. */
  'projects.open': {
    request: z.object({ path: z.string().min(1) }),
    response: z.object({
      path: z.string(),
      datasets: z.array(DatasetSummarySchema),
      analyses: z.array(AnalysisSchema),
    }),
  },
  /**
   * Write the window's unsaved work as projects.save would, to the recovery file of this user (services/recovery.ts):
   * MIXEDML_RECOVERY_DIR if set, else the app's per-user folder. The window calls it after changes it has not saved.
   */
  'projects.autosave': {
    request: z.object(ProjectContent),
    response: z.object({ savedAt: z.string() }),
  },
  /** The recovery file a session left without a save or a discard (open it with projects.open), or nulls. */
  'projects.recovery': {
    request: z.object({}),
    response: z.object({ path: z.string().nullable(), savedAt: z.string().nullable() }),
  },
  /** Delete the recovery file: the work was saved, or the user chose to discard it. */
  'projects.discardRecovery': { request: z.object({}), response: z.object({}) },
  /**
   * Predict the rows of an open data set with a fitted analysis (MATH.md section 4): within and out predictions per
   * row (`row` 1-based in the data set), and the random effects u_new of new clusters with labelled rows.
   */
  'predictions.run': {
    request: z.object({ analysis: AnalysisSchema, datasetId: z.string() }),
    response: z.object({
      rows: z.array(
        z.object({
          row: z.number().int(),
          cluster: z.string(),
          within: z.number(),
          out: z.number(),
          status: z.enum(['trained', 'new', 'unknown']),
          ranef: z.array(z.number()).nullable(),
        }),
      ),
      reNames: z.array(z.string()),
      newClusters: z.record(z.string(), z.array(z.number())),
      /** Rows left out for a missing predictor or cluster. */
      dropped: z.number().int(),
    }),
  },
  /**
   * Open the built-in example project (resources/example, simulated data) as `projects.open` does. `path` is the
   * read-only file shipped with the app: save the project elsewhere.
   */
  'projects.example': {
    request: z.object({}),
    response: z.object({
      path: z.string(),
      datasets: z.array(DatasetSummarySchema),
      analyses: z.array(AnalysisSchema),
    }),
  },
  /** The self-contained HTML report of the analyses, with the project's data sets summarised (services/report.ts). */
  'reports.html': {
    request: z.object(ProjectContent),
    response: z.object({ html: z.string() }),
  },
  /** Write the HTML report; atomic like projects.save; `.html` is added to a path without it. */
  'reports.save': {
    request: z.object({ path: z.string().min(1), ...ProjectContent }),
    response: z.object({ path: z.string() }),
  },
  /** The same report as PDF, printed by Electron; elsewhere it fails with a message saying so. `.pdf` is added. */
  'reports.pdf': {
    request: z.object({ path: z.string().min(1), ...ProjectContent }),
    response: z.object({ path: z.string() }),
  },
  /** The project file the app was started with (a double-click on a .mixedml file); answered once, then null. */
  'app.launchFile': { request: z.object({}), response: z.object({ path: z.string().nullable() }) },
  /**
   * Native file dialogs, in Electron only: elsewhere `path` is null and the window asks for a path itself (browser
   * mode serves the same machine, so paths are the user's own).
   */
  'dialogs.openFile': {
    request: z.object({ purpose: z.enum(['data', 'project']) }),
    response: z.object({ path: z.string().nullable() }),
  },
  'dialogs.saveFile': {
    request: z.object({ purpose: z.enum(['project', 'export']), defaultName: z.string() }),
    response: z.object({ path: z.string().nullable() }),
  },
} as const;

export type Method = keyof typeof methods;
export type RequestOf<M extends Method> = z.infer<(typeof methods)[M]['request']>;
export type ResponseOf<M extends Method> = z.infer<(typeof methods)[M]['response']>;

/**
 * What a `menu` event asks the window to do; `openLaunched`: a project was opened from the file manager while the app
 * ran, and the window fetches it (app.launchFile).
 */
export const menuCommands = ['openData', 'openProject', 'save', 'saveAs', 'report', 'openLaunched'] as const;
export type MenuCommand = (typeof menuCommands)[number];

/** Events pushed from the backend (IPC `api:event`, HTTP server-sent events). */
export const EventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), at: z.number() }),
  z.object({ type: z.literal('job'), job: JobSummarySchema }),
  /** A native menu item or its shortcut (Electron): the window carries out the command as if its button was clicked. */
  z.object({ type: z.literal('menu'), command: z.enum(menuCommands) }),
]);
export type ApiEvent = z.infer<typeof EventSchema>;

export function isMethod(name: string): name is Method {
  return Object.hasOwn(methods, name);
}

/** An error that crosses the boundary as `{ error: { kind, message } }` and is rebuilt on the other side. */
export class ApiError extends Error {
  constructor(
    readonly kind: 'bad-request' | 'not-found' | 'failed' | 'unauthorized',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const ErrorBodySchema = z.object({
  error: z.object({ kind: z.enum(['bad-request', 'not-found', 'failed', 'unauthorized']), message: z.string() }),
});

/** The client side of the contract, implemented by both transports in src-renderer/api. */
export interface ApiClient {
  invoke<M extends Method>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>>;
  /** Subscribe to pushed events; returns the unsubscribe function. */
  on(listener: (event: ApiEvent) => void): () => void;
}

export const appName = 'mixedML Studio';
