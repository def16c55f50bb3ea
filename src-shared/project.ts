// The project file (.mixedml): JSON with a format name and a schema version, the data embedded as the bytes of the
// original files (so it opens offline on another laptop, and derived columns are recomputed from their recipes),
// and every analysis with its spec and results. Older versions are migrated on open; newer ones are refused.
import { z } from 'zod';
import { CvOptionsSchema, CvResultSchema, DerivedColumnSchema, FitResultSchema, ModelSpecSchema } from './spec.ts';

export const projectFormat = 'mixedml-project';
export const projectVersion = 1;

export const ProjectDatasetSchema = z.object({
  id: z.string(),
  name: z.string(),
  sheet: z.union([z.string(), z.number()]).optional(),
  derived: z.array(DerivedColumnSchema),
  /** The original file, base64. */
  bytes: z.string(),
});

export const AnalysisSchema = z.object({
  id: z.string(),
  datasetId: z.string(),
  spec: ModelSpecSchema,
  createdAt: z.number(),
  fit: FitResultSchema.optional(),
  cv: z.object({ options: CvOptionsSchema, result: CvResultSchema }).optional(),
  /** The fitted learner (learners/learner.ts LearnerJSON), so the model predicts again after reopening. */
  learner: z.unknown().optional(),
});
export type Analysis = z.infer<typeof AnalysisSchema>;

export const ProjectSchema = z.object({
  format: z.literal(projectFormat),
  version: z.literal(projectVersion),
  app: z.object({ name: z.string(), version: z.string() }),
  savedAt: z.string(),
  datasets: z.array(ProjectDatasetSchema),
  analyses: z.array(AnalysisSchema),
});
export type Project = z.infer<typeof ProjectSchema>;
