// The worker entry of the pool's tests: the production kinds plus testKinds.ts.
import { jobKinds } from '../jobKinds.ts';
import { serveJobs } from '../serveJobs.ts';
import { testKinds } from './testKinds.ts';

serveJobs({ ...jobKinds, ...testKinds });
