// Runtime validation of a Table (data/table.ts) arriving in a worker: its columns are Float64Arrays, which the
// structured clone of postMessage copies as such.
import { z } from 'zod';
import type { Table } from '../data/table.ts';

const ColumnSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['numeric', 'string']),
  values: z.instanceof(Float64Array),
  levels: z.array(z.string()).optional(),
  valueLabels: z.record(z.string(), z.number()).optional(),
});

export const TableSchema: z.ZodType<Table> = z.object({
  source: z.string(),
  nrows: z.number().int().nonnegative(),
  columns: z.array(ColumnSchema),
  warnings: z.array(z.string()).optional(),
});
