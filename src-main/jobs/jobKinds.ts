// The job kinds a production worker runs (fit.worker.ts). Test-only kinds live in testing/testKinds.ts.
import { z } from 'zod';
import { FitResultSchema, ModelSpecSchema } from '../../src-shared/spec.ts';
import { fitTable } from '../services/fits.ts';
import { defineJobKind } from './jobKind.ts';
import { TableSchema } from './tableSchema.ts';

export const fitJob = defineJobKind({
  input: z.object({ table: TableSchema, spec: ModelSpecSchema }),
  output: z.object({ fit: FitResultSchema, learner: z.unknown() }),
  run: async ({ table, spec }, context) => {
    context.progress({ phase: 'fit' });
    const { result, learner } = await fitTable(table, spec, { signal: context.signal, onProgress: context.progress });
    return { fit: result, learner };
  },
});

export const jobKinds = { fit: fitJob };
