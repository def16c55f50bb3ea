// The production worker entry: the pool starts it (through tsxWorker.mjs when run from TypeScript sources, or as
// electron-vite's bundle via `import workerPath from './fit.worker.ts?modulePath'`) and it serves jobKinds.ts.
import { jobKinds } from './jobKinds.ts';
import { serveJobs } from './serveJobs.ts';

serveJobs(jobKinds);
