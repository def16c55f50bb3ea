// The LME benchmark cases of `npm run bench`: the reference models, fitted through the real pipeline.
import { join } from 'node:path';
import { parseFormula } from '../src-shared/formula.ts';
import { readTableFile } from '../src-main/data/readTableFile.ts';
import type { MixedDesign } from '../src-main/engine/design.ts';
import { makeModelMatrices } from '../src-main/engine/modelMatrices.ts';
import { loadReference, sharedDir, type ReferenceName } from '../src-main/engine/testing/referenceCases.ts';

export interface LmeCase {
  name: string;
  csv: string;
  formula: string;
  reference: { seconds: number; criterion: number };
  design: MixedDesign;
}

export async function loadLmeCase(name: ReferenceName): Promise<LmeCase> {
  const ref = loadReference(name);
  const csv = join(sharedDir, 'datasets', ref.dataset);
  const design = makeModelMatrices(await readTableFile(csv), parseFormula(ref.formula));
  return { name, csv, formula: ref.formula, reference: ref.REML, design };
}
