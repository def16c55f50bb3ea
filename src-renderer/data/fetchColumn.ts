// One column of an open data set, read through datasets.rows in pages of the largest size the API allows; text and
// missing cells come back as null.
import { api } from '../api/client.ts';

const pageRows = 5000;

export async function fetchColumn(datasetId: string, column: number, nrows: number): Promise<(number | null)[]> {
  const values: (number | null)[] = [];
  for (let offset = 0; offset < nrows; offset += pageRows) {
    const limit = Math.min(pageRows, nrows - offset);
    const { rows } = await api.invoke('datasets.rows', { id: datasetId, offset, limit });
    for (const row of rows) {
      const cell = row[column];
      values.push(typeof cell === 'number' ? cell : null);
    }
  }
  return values;
}
