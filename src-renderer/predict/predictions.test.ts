import { describe, expect, it } from 'vitest';
import { tableToCsv } from '../tables/csv.ts';
import {
  newClustersTable,
  predictionsTable,
  statusTable,
  summarizePredictions,
  type Predictions,
} from './predictions.ts';

// Two trained clusters, a new cluster with labelled rows (its u_new), an unknown cluster predicted out only.
const predictions: Predictions = {
  rows: [
    { row: 1, cluster: 'a', within: 1.5, out: 1, status: 'trained', ranef: [0.5, 0.1] },
    { row: 2, cluster: 'a', within: 2.5, out: 2, status: 'trained', ranef: [0.5, 0.1] },
    { row: 4, cluster: 'b', within: -1, out: 0, status: 'trained', ranef: [-1, 0] },
    { row: 5, cluster: 'new, one', within: 3.25, out: 3, status: 'new', ranef: [0.25, -0.125] },
    { row: 6, cluster: 'new, one', within: 4.25, out: 4, status: 'new', ranef: [0.25, -0.125] },
    { row: 7, cluster: 'z', within: 5, out: 5, status: 'unknown', ranef: null },
  ],
  reNames: ['(Intercept)', 'x'],
  newClusters: { 'new, one': [0.25, -0.125] },
  dropped: 1,
};

describe('predictions', () => {
  it('are counted by status, in rows and in clusters, with the new clusters and their random effects', () => {
    expect(summarizePredictions(predictions)).toEqual({
      rows: 6,
      dropped: 1,
      rowsByStatus: { trained: 3, new: 2, unknown: 1 },
      clustersByStatus: { trained: 2, new: 1, unknown: 1 },
      newClusters: [{ cluster: 'new, one', rows: 2, ranef: [0.25, -0.125] }],
    });
  });

  it('export as CSV with full precision, one column per random effect, empty where a row has none', () => {
    const lines = tableToCsv(predictionsTable(predictions, 'new.csv')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('row,cluster,status,within,out,u_(Intercept),u_x');
    expect(lines[1]).toBe('1,a,trained,1.5,1,0.5,0.1');
    expect(lines[4]).toBe('5,"new, one",new,3.25,3,0.25,-0.125');
    expect(lines[6]).toBe('7,z,unknown,5,5,,');
    expect(lines).toHaveLength(7);
  });

  it('tabulate the statuses and the new clusters for the screen', () => {
    const summary = summarizePredictions(predictions);
    const status = statusTable(summary);
    expect(status.rows.map((r) => r.cells.slice(0, 3))).toEqual([
      ['trained cluster', 3, 2],
      ['new cluster', 2, 1],
      ['unknown cluster', 1, 1],
    ]);
    expect(status.note).toBe('6 rows predicted; 1 left out for a missing predictor or cluster.');
    const clusters = newClustersTable(summary, predictions.reNames);
    expect(clusters.columns.map((c) => c.label)).toEqual(['Cluster', 'Rows', '(Intercept)', 'x']);
    expect(clusters.rows).toEqual([{ key: 'new, one', cells: ['new, one', 2, 0.25, -0.125] }]);
  });
});
