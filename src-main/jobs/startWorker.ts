// How the pool starts a worker entry. The Electron build passes electron-vite's bundled JavaScript
// (`import workerPath from './fit.worker.ts?modulePath'`), which runs as is; the CLI (tsx) and vitest pass the
// TypeScript source (`new URL('./fit.worker.ts', import.meta.url)`), which starts through tsxWorker.mjs.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export type WorkerEntry = URL | string;

export function startWorker(entry: WorkerEntry, maxOldGenerationSizeMb: number | undefined): Worker {
  const url = entry instanceof URL ? entry : pathToFileURL(entry);
  const resourceLimits = maxOldGenerationSizeMb === undefined ? undefined : { maxOldGenerationSizeMb };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { resourceLimits });
  return new Worker(new URL('./tsxWorker.mjs', import.meta.url), { workerData: { entry: url.href }, resourceLimits });
}
