// Open data sets of a session: each keeps the bytes of its file (so a project can embed them and reopen offline),
// the Table read from them, and the derived-column recipes applied on top (recomputed, never stored as values).
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ApiError, type DatasetSummary } from '../../src-shared/api.ts';
import type { DerivedColumn } from '../../src-shared/spec.ts';
import { applyDerivedColumns, deriveColumn } from '../data/deriveColumns.ts';
import { inspectTable } from '../data/inspectTable.ts';
import { readTableFile, type ReadTableOptions } from '../data/readTableFile.ts';
import { cellText, type Table } from '../data/table.ts';
import { checkDataFile } from '../data/textFile.ts';

export interface Dataset {
  id: string;
  name: string;
  bytes: Buffer;
  read: ReadTableOptions;
  derived: DerivedColumn[];
  /** How many columns the file itself has; the derived ones follow them. */
  fileColumns: number;
  /** The file's table with the derived columns applied. */
  table: Table;
}

export class DatasetStore {
  private readonly datasets = new Map<string, Dataset>();

  async openPath(path: string, read: ReadTableOptions = {}): Promise<Dataset> {
    await checkDataFile(path);
    return this.add(basename(path), await readFile(path), read, []);
  }

  /** Also how a project reopens its embedded data: the same bytes, read and derived again. */
  async add(name: string, bytes: Buffer, read: ReadTableOptions, derived: DerivedColumn[]): Promise<Dataset> {
    // Readers stream from disk (large files never sit in memory as text), so bytes go through a private temp file
    // that keeps the user's file name for messages.
    const dir = await mkdtemp(join(tmpdir(), 'mixedml-data-'));
    try {
      // The name comes from the window: only its last part, so that `../x` cannot write outside the temp folder.
      const file = join(dir, basename(name));
      await writeFile(file, bytes);
      const fromFile = await readTableFile(file, read);
      const table = { ...applyDerivedColumns(fromFile, derived), source: name };
      const dataset = { id: randomUUID(), name, bytes, read, derived, fileColumns: fromFile.columns.length, table };
      this.datasets.set(dataset.id, dataset);
      return dataset;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The data sets named, and those the analyses use, in the order they were opened. */
  pick(ids: readonly string[], analyses: readonly { datasetId: string }[]): Dataset[] {
    const wanted = new Set([...ids, ...analyses.map((a) => a.datasetId)]);
    return [...this.datasets.values()].filter((d) => wanted.has(d.id));
  }

  find(id: string): Dataset | undefined {
    return this.datasets.get(id);
  }

  get(id: string): Dataset {
    const dataset = this.datasets.get(id);
    if (!dataset) throw new ApiError('not-found', `no open data set ${id}`);
    return dataset;
  }

  derive(id: string, recipe: DerivedColumn): Dataset {
    const dataset = this.get(id);
    const updated = { ...dataset, derived: [...dataset.derived, recipe], table: deriveColumn(dataset.table, recipe) };
    this.datasets.set(id, updated);
    return updated;
  }

  rows(id: string, offset: number, limit: number): (number | string | null)[][] {
    const { table } = this.get(id);
    const end = Math.min(table.nrows, offset + limit);
    const rows: (number | string | null)[][] = [];
    for (let i = offset; i < end; i++) {
      rows.push(
        table.columns.map((c) => {
          const v = c.values[i]!;
          return Number.isNaN(v) ? null : c.type === 'string' ? cellText(c, i) : v;
        }),
      );
    }
    return rows;
  }
}

export function summarize(dataset: Dataset): DatasetSummary {
  const report = inspectTable(dataset.table);
  return {
    id: dataset.id,
    name: dataset.name,
    nrows: report.nrows,
    variables: report.variables.map((v, k) => {
      const column = dataset.table.columns[k]!;
      return {
        ...v,
        levels: column.type === 'string' ? column.levels!.slice(0, 200) : undefined,
        derived: k >= dataset.fileColumns,
      };
    }),
    derived: dataset.derived,
    warnings: dataset.table.warnings ?? [],
  };
}
