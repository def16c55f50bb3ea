// The derived-column dialog's form as data: which fields each recipe needs, the name it suggests (as the seed paper
// names school means: sch_iqv), and the DerivedColumn (src-shared/spec.ts) it makes, or what is missing.
import type { DerivedColumn } from '../../src-shared/spec.ts';

export type DeriveKind = DerivedColumn['kind'];

export interface DeriveForm {
  kind: DeriveKind;
  name: string;
  source: string;
  group: string;
  sources: string[];
  reference: string;
}

export const deriveKinds: { kind: DeriveKind; label: string; help: string }[] = [
  { kind: 'clusterMean', label: 'Cluster mean', help: 'The mean of a variable in each cluster (a level-2 predictor).' },
  { kind: 'centerGrand', label: 'Grand-mean centring', help: 'The variable minus its overall mean.' },
  { kind: 'centerGroup', label: 'Group-mean centring', help: 'The variable minus its cluster’s mean.' },
  { kind: 'standardize', label: 'Standardise (z)', help: 'The variable minus its mean, divided by its SD.' },
  { kind: 'product', label: 'Product (interaction)', help: 'The product of two or more variables.' },
  { kind: 'log', label: 'Natural log', help: 'log(x); zero and negative values become missing.' },
  { kind: 'dummies', label: 'Treatment dummies', help: 'One 0/1 column per level other than the reference.' },
];

export const needs = {
  source: (k: DeriveKind) => k !== 'product',
  group: (k: DeriveKind) => k === 'clusterMean' || k === 'centerGroup',
  sources: (k: DeriveKind) => k === 'product',
  reference: (k: DeriveKind) => k === 'dummies',
  name: (k: DeriveKind) => k !== 'dummies',
};

export function suggestName(form: DeriveForm): string {
  const s = form.source;
  switch (form.kind) {
    case 'clusterMean':
      return s && form.group ? `${form.group}_mean_${s}` : '';
    case 'centerGrand':
      return s && `${s}_cgm`;
    case 'centerGroup':
      return s && `${s}_cwc`;
    case 'standardize':
      return s && `z_${s}`;
    case 'log':
      return s && `log_${s}`;
    case 'product':
      return form.sources.length >= 2 ? form.sources.join('_x_') : '';
    case 'dummies':
      return '';
  }
}

/** The recipe, or the first thing the user still has to fill in. */
export function makeRecipe(form: DeriveForm, existing: readonly string[]): DerivedColumn | string {
  const name = form.name.trim();
  if (needs.name(form.kind)) {
    if (!name) return 'Give the new column a name.';
    if (existing.includes(name)) return `There is already a column ${name}.`;
  }
  if (needs.source(form.kind) && !form.source) return 'Choose the variable.';
  if (needs.group(form.kind) && !form.group) return 'Choose the cluster variable.';
  if (needs.group(form.kind) && form.group === form.source)
    return 'The cluster variable cannot be the variable itself.';
  switch (form.kind) {
    case 'clusterMean':
    case 'centerGroup':
      return { kind: form.kind, name, source: form.source, group: form.group };
    case 'centerGrand':
    case 'standardize':
    case 'log':
      return { kind: form.kind, name, source: form.source };
    case 'product':
      return form.sources.length >= 2
        ? { kind: 'product', name, sources: form.sources }
        : 'Tick at least two variables.';
    case 'dummies':
      return form.reference
        ? { kind: 'dummies', source: form.source, reference: form.reference }
        : 'Choose the reference level.';
  }
}
