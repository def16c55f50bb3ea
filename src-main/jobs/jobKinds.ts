// The job kinds a production worker runs (fit.worker.ts). Test-only kinds live in testing/testKinds.ts.
import { z } from 'zod';
import { FitResultSchema, ModelSpecSchema } from '../../src-shared/spec.ts';
import { fitTable } from '../services/fits.ts';
import { defineJobKind } from './jobKind.ts';
import { TableSchema } from './tableSchema.ts';

export const fitJob = defineJobKind({
  input: z.object({ table: TableSchema, spec: ModelSpecSchema }),
  output: FitResultSchema,
  // fitTable neither reports progress nor polls the signal yet, so a cancelled fit ends by termination (workerPool.ts).
  run: ({ table, spec }, context) => {
    context.progress({ phase: 'fit' });
    return fitTable(table, spec);
  },
});

export const jobKinds = { fit: fitJob };
