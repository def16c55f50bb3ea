// Benchmark of issue 6: a 1,000,000 x 20 numeric CSV read by readCsv in under 10 s with memory near the size of
// its numbers (160 MB). peakMB is the growth of the resident set over its level before the read.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv } from '../src-main/data/readCsv.ts';

const ROWS = 1_000_000;
const COLS = 20;

async function writeNumbers(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(Array.from({ length: COLS }, (_, j) => `x${j + 1}`).join(',') + '\n');
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let start = 0; start < ROWS; start += 10_000) {
    let block = '';
    for (let i = start; i < start + 10_000; i++) {
      const row: string[] = [];
      for (let j = 0; j < COLS; j++) row.push((next() * 200 - 100).toFixed(4));
      block += row.join(',') + '\n';
    }
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export async function benchReadCsv(): Promise<{ rows: number; seconds: number; peakMB: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'mixedml-bench-'));
  try {
    const file = join(dir, 'numbers.csv');
    await writeNumbers(file);
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    const t0 = performance.now();
    const table = await readCsv(file);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    return { rows: table.nrows, seconds, peakMB: (peak - before) / 1e6 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
