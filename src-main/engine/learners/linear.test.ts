import { describe, expect, it } from 'vitest';
import { applyQt, householderQr } from './householderQr.ts';
import type { Features } from './learner.ts';
import { LinearLearner } from './linear.ts';
import { learnerFromJSON } from './registry.ts';

function features(rows: number[][], names: string[]): Features {
  return { values: Float64Array.from(rows.flat()), n: rows.length, p: names.length, names };
}

describe('householderQr', () => {
  const x = [
    [1, 0.5, -2],
    [1, 1.5, 0.3],
    [1, -0.7, 1.1],
    [1, 2.2, 0.4],
    [1, 0.1, -0.9],
  ];
  const f = householderQr(Float64Array.from(x.flat()), 5, 3);

  it("R'R = X'X", () => {
    for (let i = 0; i < 3; i++) {
      for (let k = 0; k < 3; k++) {
        let rr = 0;
        for (let m = 0; m <= Math.min(i, k); m++) rr += f.qr[m * 3 + i]! * f.qr[m * 3 + k]!;
        const xx = x.reduce((s, row) => s + row[i]! * row[k]!, 0);
        expect(rr).toBeCloseTo(xx, 12);
      }
    }
  });

  it("Q' preserves the norm and maps each column of X onto R's", () => {
    const y = Float64Array.of(3, -1, 4, 1, -5);
    const z = applyQt(f, y);
    expect(z.reduce((s, v) => s + v * v, 0)).toBeCloseTo(
      y.reduce((s, v) => s + v * v, 0),
      12,
    );
    const col = applyQt(
      f,
      Float64Array.from(x, (row) => row[2]!),
    );
    for (let i = 0; i < 5; i++) expect(col[i]).toBeCloseTo(i < 3 ? f.qr[i * 3 + 2]! : 0, 12);
  });
});

describe('LinearLearner', () => {
  const X = features(
    [
      [1, 0],
      [1, 1],
      [1, 2],
    ],
    ['(Intercept)', 'x'],
  );

  it('is exact least squares: (0,1), (1,3), (2,2) give 1.5 + 0.5 x', async () => {
    const learner = new LinearLearner();
    await learner.fit(X, Float64Array.of(1, 3, 2));
    expect(learner.coefficients()['(Intercept)']).toBeCloseTo(1.5, 14);
    expect(learner.coefficients().x).toBeCloseTo(0.5, 14);
    expect(Array.from(learner.predict(X))).toEqual([
      expect.closeTo(1.5, 14),
      expect.closeTo(2, 14),
      expect.closeTo(2.5, 14),
    ]);
  });

  it('refits on the same X with a new y (warm start: the QR is kept)', async () => {
    const learner = new LinearLearner();
    await learner.fit(X, Float64Array.of(1, 3, 2));
    await learner.fit(X, Float64Array.of(2, 4, 6));
    expect(learner.coefficients()['(Intercept)']).toBeCloseTo(2, 14);
    expect(learner.coefficients().x).toBeCloseTo(2, 14);
  });

  it('names the collinear columns on rank deficiency', async () => {
    const rows = [
      [1, 0.5, 2, 4.5],
      [1, 1, -1, -1],
      [1, 2, 0.5, 3],
      [1, -1, 3, 5],
      [1, 0, 1, 2],
    ];
    const collinear = features(rows, ['(Intercept)', 'x1', 'x2', 'x3']);
    await expect(new LinearLearner().fit(collinear, new Float64Array(5))).rejects.toThrow(
      "'x3' is a linear combination of 'x1', 'x2'",
    );
    const constant = features(
      rows.map((r) => [r[0]!, r[1]!, 5]),
      ['(Intercept)', 'x1', 'c'],
    );
    await expect(new LinearLearner().fit(constant, new Float64Array(5))).rejects.toThrow(
      "'c' is a linear combination of '(Intercept)'",
    );
    const zero = features(
      rows.map((r) => [r[0]!, 0]),
      ['(Intercept)', 'z'],
    );
    await expect(new LinearLearner().fit(zero, new Float64Array(5))).rejects.toThrow("column 'z' is all zeros");
    const wide = features([[1, 2, 3]], ['(Intercept)', 'a', 'b']);
    await expect(new LinearLearner().fit(wide, new Float64Array(1))).rejects.toThrow("'a' cannot be estimated");
  });

  it('saves to JSON and predicts the same after reload through the registry', async () => {
    const learner = new LinearLearner();
    await learner.fit(X, Float64Array.of(1, 3, 2));
    const json = JSON.parse(JSON.stringify(learner.toJSON()));
    const reloaded = await learnerFromJSON(json);
    expect(reloaded.kind).toBe('linear');
    expect(Array.from(reloaded.predict(X))).toEqual(Array.from(learner.predict(X)));
    expect(reloaded.describe()).toEqual({
      kind: 'linear',
      label: 'Linear (exact least squares)',
      options: { rankTolerance: 1e-7 },
    });
    await expect(learnerFromJSON({ kind: 'nope', version: 1, options: {}, state: null })).rejects.toThrow(
      /unknown learner/,
    );
    expect(() =>
      LinearLearner.fromJSON({ kind: 'linear', version: 1, options: {}, state: { names: ['a'] } }),
    ).toThrow();
  });

  it('refuses to predict before fitting or with the wrong columns, and honours cancellation', async () => {
    const learner = new LinearLearner();
    expect(() => learner.predict(X)).toThrow(/before fit/);
    await learner.fit(X, Float64Array.of(1, 3, 2));
    expect(() => learner.predict(features([[1, 2, 3]], ['a', 'b', 'c']))).toThrow(/2 columns/);
    await expect(learner.fit(X, Float64Array.of(1, 3, 2), { signal: { aborted: true } })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
