// The editable options of each learner (ModelSpec.learnerOptions) and of the EM (tol, maxIter, seed): their names and
// defaults as src-shared/defaults.ts has them, and how typed text becomes a value. Only options the user changed are
// sent, so the backend's defaults stay the one source of defaults.
import { emMaxIter, emSeed, emTolerance as tolerances, learnerDefaults as d } from '../../src-shared/defaults.ts';
import type { ModelSpec } from '../../src-shared/spec.ts';

export type OptionValue = ModelSpec['learnerOptions'][string];

export interface OptionField {
  name: string;
  label: string;
  /** number; integer; yes/no; number or one of `choices`; comma-separated integers. */
  kind: 'number' | 'integer' | 'boolean' | 'numberOrChoice' | 'integers';
  default: OptionValue;
  choices?: string[];
  /** Empty input means null (e.g. no depth limit). */
  nullable?: boolean;
}

// nn_linear's defaults are mlp's.
const netOptions: OptionField[] = [
  { name: 'learningRate', label: 'Learning rate (Adam)', kind: 'number', default: d.mlp.learningRate },
  { name: 'batchSize', label: 'Batch size', kind: 'integer', default: d.mlp.batchSize },
  { name: 'minDelta', label: 'Stop: loss improves less than', kind: 'number', default: d.mlp.minDelta },
  { name: 'patience', label: 'Stop: for epochs', kind: 'integer', default: d.mlp.patience },
  { name: 'maxEpochs', label: 'Most epochs', kind: 'integer', default: d.mlp.maxEpochs },
];

export const learnerOptionFields: Record<Exclude<ModelSpec['learner'], 'pretrained'>, OptionField[]> = {
  lme: [],
  linear: [{ name: 'rankTolerance', label: 'Rank tolerance', kind: 'number', default: d.linear.rankTolerance }],
  nn_linear: netOptions,
  mlp: [
    { name: 'hidden', label: 'Hidden layers (units)', kind: 'integers', default: [...d.mlp.hidden] },
    ...netOptions,
  ],
  svr: [
    { name: 'C', label: 'C', kind: 'number', default: d.svr.C },
    { name: 'epsilon', label: 'epsilon', kind: 'number', default: d.svr.epsilon },
    { name: 'gamma', label: 'gamma', kind: 'numberOrChoice', default: d.svr.gamma, choices: ['scale', 'auto'] },
    { name: 'tolerance', label: 'Tolerance', kind: 'number', default: d.svr.tolerance },
    { name: 'shrinking', label: 'Shrinking', kind: 'boolean', default: d.svr.shrinking },
    { name: 'cacheSize', label: 'Kernel cache (MB)', kind: 'number', default: d.svr.cacheSize },
  ],
  forest: [
    { name: 'trees', label: 'Trees', kind: 'integer', default: d.forest.trees },
    { name: 'maxDepth', label: 'Max depth (empty: none)', kind: 'integer', default: d.forest.maxDepth, nullable: true },
    { name: 'minSamplesSplit', label: 'Min rows to split', kind: 'integer', default: d.forest.minSamplesSplit },
    { name: 'minSamplesLeaf', label: 'Min rows per leaf', kind: 'integer', default: d.forest.minSamplesLeaf },
    {
      name: 'maxFeatures',
      label: 'Features per split (share, sqrt, log2)',
      kind: 'numberOrChoice',
      default: d.forest.maxFeatures,
      choices: ['sqrt', 'log2'],
    },
    { name: 'bootstrap', label: 'Bootstrap samples', kind: 'boolean', default: d.forest.bootstrap },
  ],
};

/** The EM's own options (MATH.md section 2), top-level fields of ModelSpec; tol unset is the learner's default. */
export interface EmSettings {
  tol?: number;
  maxIter: number;
  seed: number;
}

export const emDefaults: EmSettings = { maxIter: emMaxIter, seed: emSeed };

/** The backend's default stopping tolerance: the exact one for the linear learner, the only exact learner. */
export function emTolerance(learner: ModelSpec['learner']): number {
  return learner === 'linear' ? tolerances.exact : tolerances.approximate;
}

export function emFields(learner: ModelSpec['learner']): (OptionField & { name: keyof EmSettings })[] {
  return [
    { name: 'tol', label: 'EM tolerance (relative ΔGLL)', kind: 'number', default: emTolerance(learner) },
    { name: 'maxIter', label: 'Most EM iterations', kind: 'integer', default: emDefaults.maxIter },
    { name: 'seed', label: 'Seed', kind: 'integer', default: emDefaults.seed },
  ];
}

export function optionText(value: OptionValue): string {
  if (value === null) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Typed text as the option's value, or a message saying what is expected. */
export function parseOption(field: OptionField, text: string): OptionValue | Error {
  const t = text.trim();
  if (t === '' && field.nullable) return null;
  switch (field.kind) {
    case 'boolean':
      return t === 'true';
    case 'integers': {
      const parts = t
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
      return parts.length && parts.every((n) => Number.isInteger(n) && n > 0)
        ? parts
        : new Error('whole numbers above 0, separated by commas');
    }
    case 'numberOrChoice': {
      if (field.choices?.includes(t)) return t;
      const n = Number(t);
      return t !== '' && Number.isFinite(n) ? n : new Error(`a number or ${field.choices?.join(' or ')}`);
    }
    case 'integer': {
      const n = Number(t);
      return t !== '' && Number.isInteger(n) ? n : new Error('a whole number');
    }
    case 'number': {
      const n = Number(t);
      return t !== '' && Number.isFinite(n) ? n : new Error('a number');
    }
  }
}

export function sameValue(a: OptionValue, b: OptionValue): boolean {
  return optionText(a) === optionText(b) && (a === null) === (b === null);
}
