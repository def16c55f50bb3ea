// Predictions of a fitted analysis (predictions.run in api.ts) as the Predict screen reads them: counts per cluster
// status, the new clusters with their estimated random effects (MATH.md section 4), and the table CSV exports.
import type { ResponseOf } from '../../src-shared/api.ts';
import type { TableModel } from '../../src-shared/tables/tableModel.ts';

export type Predictions = ResponseOf<'predictions.run'>;
export type PredictionRow = Predictions['rows'][number];
export type ClusterStatus = PredictionRow['status'];

export const clusterStatuses: readonly ClusterStatus[] = ['trained', 'new', 'unknown'];

/** What each status means for the row's `within` prediction. */
export const statusLabels: Record<ClusterStatus, string> = {
  trained: 'trained cluster',
  new: 'new cluster',
  unknown: 'unknown cluster',
};

export interface NewCluster {
  cluster: string;
  rows: number;
  ranef: number[];
}

export interface PredictionSummary {
  rows: number;
  dropped: number;
  rowsByStatus: Record<ClusterStatus, number>;
  clustersByStatus: Record<ClusterStatus, number>;
  newClusters: NewCluster[];
}

export function summarizePredictions(predictions: Predictions): PredictionSummary {
  const rowsByStatus: Record<ClusterStatus, number> = { trained: 0, new: 0, unknown: 0 };
  const clusters: Record<ClusterStatus, Map<string, number>> = {
    trained: new Map(),
    new: new Map(),
    unknown: new Map(),
  };
  for (const row of predictions.rows) {
    rowsByStatus[row.status]++;
    const counts = clusters[row.status];
    counts.set(row.cluster, (counts.get(row.cluster) ?? 0) + 1);
  }
  return {
    rows: predictions.rows.length,
    dropped: predictions.dropped,
    rowsByStatus,
    clustersByStatus: { trained: clusters.trained.size, new: clusters.new.size, unknown: clusters.unknown.size },
    newClusters: Object.entries(predictions.newClusters).map(([cluster, ranef]) => ({
      cluster,
      rows: clusters.new.get(cluster) ?? 0,
      ranef,
    })),
  };
}

/** Every prediction as a table: the row of the data set, cluster, status, within, out and the random effects used. */
export function predictionsTable(predictions: Predictions, source: string): TableModel {
  return {
    id: 'predictions',
    title: `Predictions for ${source}`,
    columns: [
      { key: 'row', label: 'row' },
      { key: 'cluster', label: 'cluster' },
      { key: 'status', label: 'status' },
      { key: 'within', label: 'within' },
      { key: 'out', label: 'out' },
      ...predictions.reNames.map((name, k) => ({ key: `u-${k}`, label: `u_${name}` })),
    ],
    rows: predictions.rows.map((r) => ({
      key: String(r.row),
      cells: [r.row, r.cluster, r.status, r.within, r.out, ...predictions.reNames.map((_, k) => r.ranef?.[k] ?? null)],
    })),
  };
}

const statusMeaning: Record<ClusterStatus, string> = {
  trained: "f(x) + z u with the cluster's estimated random effects",
  new: "f(x) + z u_new, u_new estimated from the cluster's observed outcomes",
  unknown: 'f(x) alone: a cluster the model has not seen, without observed outcomes',
};

/** Rows and clusters per status, and what `within` is for each. */
export function statusTable(summary: PredictionSummary): TableModel {
  return {
    id: 'prediction-summary',
    title: 'Predicted rows by cluster status',
    columns: [
      { key: 'status', label: 'Cluster status' },
      { key: 'rows', label: 'Rows' },
      { key: 'clusters', label: 'Clusters' },
      { key: 'within', label: 'Within prediction' },
    ],
    rows: clusterStatuses.map((status) => ({
      key: status,
      cells: [
        statusLabels[status],
        summary.rowsByStatus[status],
        summary.clustersByStatus[status],
        statusMeaning[status],
      ],
    })),
    note:
      `${summary.rows} rows predicted` +
      (summary.dropped ? `; ${summary.dropped} left out for a missing predictor or cluster.` : '.'),
  };
}

/** The new clusters with labelled rows and their estimated random effects (MATH.md section 4). */
export function newClustersTable(summary: PredictionSummary, reNames: readonly string[]): TableModel {
  return {
    id: 'new-clusters',
    title: 'New clusters: estimated random effects',
    columns: [
      { key: 'cluster', label: 'Cluster' },
      { key: 'rows', label: 'Rows' },
      ...reNames.map((name, k) => ({ key: `u-${k}`, label: name })),
    ],
    rows: summary.newClusters.map((c) => ({ key: c.cluster, cells: [c.cluster, c.rows, ...c.ranef] })),
    note: "Each new cluster's u_new is its conditional mode given its observed outcomes, without refitting the model.",
  };
}
