// Rows of a data set for the virtualised grid, fetched by datasets.rows in pages of 200 as the grid scrolls. A fling
// through a million rows asks only for the pages still in view when it settles (requests wait `settleMs`), at most
// `maxInFlight` at a time, and the cache keeps the most recently used pages.
import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { api } from '../api/client.ts';
import { messageOf } from '../api/errors.ts';

type Cell = number | string | null;

export const pageSize = 200;
const maxPages = 100;
const maxInFlight = 2;
const settleMs = 40;

export function useRowPages(datasetKey: Ref<{ id: string; columns: number } | undefined>) {
  let pages = new Map<number, Cell[][]>();
  let loading = new Set<number>();
  let wanted: number[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped when pages arrive; the grid reads it to re-render. */
  const version = ref(0);
  const error = ref<string | null>(null);

  watch(
    () => datasetKey.value && `${datasetKey.value.id}/${datasetKey.value.columns}`,
    () => {
      // A new data set, or a derived column added: the cached rows are stale.
      pages = new Map();
      loading = new Set();
      error.value = null;
      version.value++;
    },
  );

  function row(index: number): Cell[] | undefined {
    const page = pages.get(Math.floor(index / pageSize));
    return page?.[index % pageSize];
  }

  /** The grid shows rows first..last (inclusive): make sure their pages come. */
  function want(first: number, last: number) {
    const firstPage = Math.floor(first / pageSize);
    const lastPage = Math.floor(Math.max(first, last) / pageSize);
    wanted = [];
    for (let p = firstPage; p <= lastPage; p++) {
      const page = pages.get(p);
      if (page) {
        // Most recently used pages go to the end of the Map's order.
        pages.delete(p);
        pages.set(p, page);
      } else {
        wanted.push(p);
      }
    }
    clearTimeout(timer);
    if (wanted.length) timer = setTimeout(pump, settleMs);
  }

  function pump() {
    const key = datasetKey.value;
    if (!key) return;
    for (const p of wanted) {
      if (loading.size >= maxInFlight) break;
      if (pages.has(p) || loading.has(p)) continue;
      loading.add(p);
      const cache = pages;
      const inFlight = loading;
      api
        .invoke('datasets.rows', { id: key.id, offset: p * pageSize, limit: pageSize })
        .then(({ rows }) => {
          if (cache !== pages) return;
          pages.set(p, rows);
          while (pages.size > maxPages) pages.delete(pages.keys().next().value!);
          version.value++;
        })
        .catch((e: unknown) => (error.value = messageOf(e)))
        .finally(() => {
          inFlight.delete(p);
          if (cache === pages && wanted.some((w) => !pages.has(w) && !loading.has(w))) pump();
        });
    }
  }

  onScopeDispose(() => clearTimeout(timer));
  return { row, want, version, error };
}
