// Predictions through predictions.run: the Predict screen's, and each fit's on its own training rows with the
// observed outcome beside each row, for the Results screen's predicted-versus-observed and residual charts. The
// latter are kept per analysis and data set, since an analysis never changes once made.
import { defineStore } from 'pinia';
import type { Analysis } from '../../src-shared/project.ts';
import { api } from '../api/client.ts';
import { fetchColumn } from '../data/fetchColumn.ts';
import type { Predictions } from '../predict/predictions.ts';
import { useDatasetsStore } from './datasets.ts';

export interface TrainingPredictions {
  predictions: Predictions;
  /** The outcome of each predicted row, in the order of `predictions.rows`; null where missing. */
  observed: (number | null)[];
}

/** Past this many rows the charts would be slow to fetch and to draw; the tables still say everything. */
export const maxChartRows = 200_000;
const kept = 8;

export const usePredictionsStore = defineStore('predictions', () => {
  const datasets = useDatasetsStore();
  const training = new Map<string, Promise<TrainingPredictions>>();

  function run(analysis: Analysis, datasetId: string): Promise<Predictions> {
    return api.invoke('predictions.run', { analysis, datasetId });
  }

  /** Why the training-row charts cannot be drawn for this analysis, or null when they can. */
  function chartsUnavailable(analysis: Analysis): string | null {
    const dataset = datasets.datasets.find((d) => d.id === analysis.datasetId);
    if (analysis.learner === undefined) return 'this fit was saved without its fitted model, so it cannot predict';
    if (!dataset) return 'its training data are not open in this window';
    if (dataset.nrows > maxChartRows) {
      return `its training data have ${dataset.nrows.toLocaleString()} rows; these charts are drawn up to ${maxChartRows.toLocaleString()}`;
    }
    if (!analysis.fit || !dataset.variables.some((v) => v.name === analysis.fit!.response)) {
      return 'the outcome is not a column of the training data';
    }
    return null;
  }

  async function fetchTraining(analysis: Analysis): Promise<TrainingPredictions> {
    const dataset = datasets.datasets.find((d) => d.id === analysis.datasetId)!;
    const column = dataset.variables.findIndex((v) => v.name === analysis.fit?.response);
    const predictions = await run(analysis, dataset.id);
    const outcome = await fetchColumn(dataset.id, column, dataset.nrows);
    return { predictions, observed: predictions.rows.map((r) => outcome[r.row - 1] ?? null) };
  }

  function trainingPredictions(analysis: Analysis): Promise<TrainingPredictions> {
    const key = `${analysis.id}/${analysis.datasetId}`;
    let entry = training.get(key);
    if (!entry) {
      entry = fetchTraining(analysis);
      training.set(key, entry);
      // A failure is not kept: the next look tries again.
      entry.catch(() => training.delete(key));
      while (training.size > kept) training.delete(training.keys().next().value!);
    }
    return entry;
  }

  return { run, chartsUnavailable, trainingPredictions };
});
