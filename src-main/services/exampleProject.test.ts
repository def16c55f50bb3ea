// The built-in example project: found from the sources, opened by `projects.example` like any project, and holding
// what resources/example/make-example.ts says it holds (the Appendix B data of seed 2026, rounded; an LME fit).
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate.ts';
import { exampleProjectPath } from './exampleProject.ts';
import { makeServices } from './services.ts';

describe('projects.example', () => {
  const services = makeServices({ mode: 'cli', workers: 1 });
  afterAll(() => services.close());

  it('opens the example project of resources/example', async () => {
    const opened = await services.handlers['projects.example']({});
    expect(opened.path).toBe(exampleProjectPath());
    expect(opened.path).toMatch(/resources[/\\]example[/\\]example\.mixedml$/);
    const [dataset] = opened.datasets;
    const expected = simulate({ clusters: 200, seed: 2026, nonlinear: true });
    expect(dataset!.nrows).toBe(expected.nrows);
    expect(dataset!.variables.map((v) => v.name)).toEqual(expected.columns.map((c) => c.name));
    const { rows } = await services.handlers['datasets.rows']({ id: dataset!.id, offset: 0, limit: 50 });
    rows.forEach((row, i) =>
      row.forEach((cell, k) => expect(cell).toBe(Math.round(expected.columns[k]!.values[i]! * 1e4) / 1e4)),
    );
    const [analysis] = opened.analyses;
    expect(analysis!.datasetId).toBe(dataset!.id);
    expect(analysis!.spec).toMatchObject({ learner: 'lme', estimator: 'reml' });
    expect(analysis!.fit?.re_names).toEqual(['(Intercept)', 'x1_1']);
    expect(analysis!.fit?.converged).toBe(true);
  });
});
