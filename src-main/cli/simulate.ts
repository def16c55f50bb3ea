// `mixedml simulate`: write the seed paper's Appendix B data (engine/simulate.ts) as CSV, to a file or stdout.
import { formatCsv, writeCsv } from '../data/writeCsv.ts';
import { simulate } from '../engine/simulate.ts';
import { CliError, type Command } from './commands.ts';

export const simulateCommand: Command = {
  summary: "generate the seed paper's Appendix B data (linear, or nonlinear with --nonlinear)",
  usage: 'simulate --clusters J --seed S [--nonlinear] --out FILE|-',
  options: {
    clusters: { type: 'string' },
    seed: { type: 'string' },
    nonlinear: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
  async run(values) {
    const clusters = integerOption(values.clusters, '--clusters J', 1, 100_000);
    const seed = integerOption(values.seed, '--seed S', 0, 2 ** 32 - 1);
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new CliError('missing --out FILE (or - for stdout)');
    const nonlinear = values.nonlinear === true;
    const table = simulate({ clusters, seed, nonlinear });
    if (out === '-') process.stdout.write(formatCsv(table));
    else {
      await writeCsv(table, out);
      process.stdout.write(
        `${table.nrows} rows in ${clusters} clusters (${nonlinear ? 'nonlinear' : 'linear'}, seed ${seed}) ` +
          `written to ${out}\n`,
      );
    }
    return 0;
  },
};

function integerOption(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'string' || value === '') throw new CliError(`missing ${what}`);
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new CliError(`${what.split(' ')[0]} must be an integer from ${min} to ${max}, not '${value}'`);
  }
  return n;
}
