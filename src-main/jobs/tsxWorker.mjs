// Starts a TypeScript worker entry (workerData.entry, a file URL) through tsx. On Node 20, `execArgv: ['--import',
// 'tsx']` does not reach a worker's entry module ("Unknown file extension .ts"), so the hooks are registered here,
// as bin/mixedml.mjs does for the CLI.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
