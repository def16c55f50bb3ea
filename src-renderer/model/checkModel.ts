// What stops a model from being fitted, said before the user presses Fit: columns missing from the data, a text
// outcome, no cluster variable, an empty random term. The backend checks again; these only save a round trip.
import type { Variable } from '../../src-shared/api.ts';
import { formulaVariables, type Formula } from '../../src-shared/formula.ts';

export function checkModel(f: Formula, variables: readonly Variable[] | undefined): string[] {
  const problems: string[] = [];
  if (!f.response) problems.push('Choose the outcome.');
  if (!f.random) problems.push('Choose the cluster variable: mixedML models need clusters.');
  else if (!f.random.intercept && f.random.slopes.length === 0) {
    problems.push('The random part needs an intercept or at least one random slope.');
  }
  if (!variables) {
    problems.push('Open a data set first.');
    return problems;
  }
  const byName = new Map(variables.map((v) => [v.name, v]));
  for (const name of formulaVariables(f)) {
    if (name && !byName.has(name)) problems.push(`There is no column ${name} in the data set.`);
  }
  if (byName.get(f.response)?.type === 'string')
    problems.push(`The outcome ${f.response} holds text: choose a numeric outcome.`);
  return problems;
}
