// The job kinds a production worker runs (fit.worker.ts). Test-only kinds live in testing/testKinds.ts.
import { z } from 'zod';
import { CvOptionsSchema, FitResultSchema, ModelSpecSchema } from '../../src-shared/spec.ts';
import { runFold } from '../services/crossValidate.ts';
import { designOf, fitTable } from '../services/fits.ts';
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

const MetricNumber = z.number().or(z.nan());
const FoldResultSchema = z.object({
  metrics: z.record(z.string(), z.object({ train: MetricNumber, test: MetricNumber })),
  estimates: z.record(z.string(), z.unknown()),
  seconds: z.number(),
});

/** One fold of a cross-validation (services/crossValidate.ts); folds run in parallel across workers. */
export const cvFoldJob = defineJobKind({
  input: z.object({
    table: TableSchema,
    spec: ModelSpecSchema,
    train: z.array(z.number().int()),
    test: z.array(z.number().int()),
    compare: CvOptionsSchema.shape.compare,
  }),
  output: z.object({ mixed: FoldResultSchema, models: z.record(z.string(), FoldResultSchema) }),
  run: ({ table, spec, train, test, compare }, context) => {
    context.progress({ phase: 'fold' });
    return runFold(designOf(table, spec), spec, { train, test }, compare, {
      signal: context.signal,
      onProgress: context.progress,
    }) as never;
  },
});

export const jobKinds = { fit: fitJob, cvFold: cvFoldJob };
