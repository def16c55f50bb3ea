// `mixedml inspect`: what a data file holds, variable by variable (the shape of haven's description of a file).
import { basename } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { inspectTable } from '../data/inspectTable.ts';
import { readTableFile } from '../data/readTableFile.ts';
import { CliError, type Command } from './commands.ts';
import { sheetOption } from './fit.ts';

export const inspectCommand: Command = {
  summary: 'describe the variables of a data file (csv, tsv, dat, xlsx, sav, dta)',
  usage: 'inspect --data FILE [--sheet S] [--encoding E] [--json OUT|-]',
  options: {
    data: { type: 'string' },
    sheet: { type: 'string' },
    encoding: { type: 'string' },
    json: { type: 'string' },
  },
  async run(values) {
    if (typeof values.data !== 'string') throw new CliError('missing --data FILE');
    const sheet = typeof values.sheet === 'string' ? sheetOption(values.sheet) : undefined;
    const encoding = typeof values.encoding === 'string' ? values.encoding : undefined;
    const table = await readTableFile(values.data, { sheet, encoding });
    const report = { ...inspectTable(table), file: basename(values.data) };
    const json = typeof values.json === 'string' ? values.json : undefined;
    if (json === '-') {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    const width = Math.max(8, ...report.variables.map((v) => v.name.length));
    process.stdout.write(`${report.file}: ${report.nrows} rows, ${report.variables.length} variables\n\n`);
    process.stdout.write(`${'variable'.padEnd(width)}  type     missing       mean  label\n`);
    for (const v of report.variables) {
      const mean = v.mean === null ? '' : v.mean.toPrecision(6);
      const labels = Object.keys(v.value_labels).length;
      const label = `${v.label}${labels ? ` [${labels} value labels]` : ''}`;
      process.stdout.write(
        `${v.name.padEnd(width)}  ${v.type.padEnd(7)}  ${String(v.n_missing).padStart(7)}  ${mean.padStart(9)}  ${label}\n`,
      );
    }
    for (const warning of table.warnings ?? []) process.stdout.write(`Warning: ${warning}\n`);
    if (json) await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
    return 0;
  },
};
