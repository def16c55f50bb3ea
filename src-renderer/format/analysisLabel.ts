// How an analysis is named in pickers: learner, estimator, formula and when it was made.
import type { Analysis } from '../../src-shared/project.ts';

export function analysisLabel(a: Pick<Analysis, 'spec' | 'createdAt'>): string {
  return `${a.spec.learner} ${a.spec.estimator.toUpperCase()}: ${a.spec.formula} (${new Date(a.createdAt).toLocaleTimeString()})`;
}
