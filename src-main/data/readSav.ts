// SPSS system files (.sav, bytecode-compressed or not; .zsav) -> Table, as R's haven::read_sav reads them:
// user-missing values and system-missing become NaN, variable and value labels are kept, strings are
// right-trimmed and become text columns (an empty string is a value, not missing, as in haven).
import { readFile } from 'node:fs/promises';
import type { Column, Table } from './table.ts';
import { DataError } from './dataError.ts';
import { compareLevels } from './levelOrder.ts';
import { formatAdvice, sniffFormat } from './sniffFormat.ts';
import { checkDataFile } from './textFile.ts';
import { Truncated } from './byteCursor.ts';
import { CasesTruncated, readSavCases, type SavCases } from './sav/savCases.ts';
import { readSavDictionary, SavFormatError, type SavDictionary } from './sav/savDictionary.ts';
import { savEncoding, savVariables, type SavVariable } from './sav/savVariables.ts';

export interface ReadSavOptions {
  /** Overrides the encoding the file declares (a WHATWG label such as "windows-1252"). */
  encoding?: string;
}

const incomplete = 'The file is incomplete: copy or export it from SPSS again.';

export async function readSav(file: string, options: ReadSavOptions = {}): Promise<Table> {
  await checkDataFile(file);
  const bytes = await readFile(file);
  const format = sniffFormat(bytes.subarray(0, 8192));
  if (format !== 'sav' && format !== 'zsav') {
    const advice = format === 'text' ? 'it is a text file: give it the .csv extension' : formatAdvice[format];
    throw new DataError(file, 'this is not an SPSS .sav file', `By its content ${advice}.`);
  }
  let dict: SavDictionary;
  try {
    dict = readSavDictionary(bytes);
  } catch (e) {
    if (e instanceof Truncated)
      throw new DataError(file, 'the file ends inside its dictionary, before the data', incomplete);
    if (e instanceof SavFormatError)
      throw new DataError(file, `the SPSS dictionary cannot be read: ${e.message}`, incomplete);
    throw e;
  }
  if (dict.compression < 0 || dict.compression > 2) {
    throw new DataError(file, `unknown compression ${dict.compression}`, 'Save the file again from SPSS.');
  }
  const encoding = savEncoding(dict, options.encoding);
  const variables = savVariables(dict, encoding);
  let cases: SavCases;
  try {
    cases = readSavCases(bytes, dict);
  } catch (e) {
    if (!(e instanceof CasesTruncated || e instanceof Truncated)) throw e;
    const done = e instanceof CasesTruncated ? e.completeCases : 0;
    const of = dict.ncases >= 0 ? ` of the ${dict.ncases} it announces` : '';
    throw new DataError(file, `the data end after ${done} complete cases${of}`, incomplete, {
      row: `case ${done + 1}`,
    });
  }

  const decoder = new TextDecoder(encoding);
  const decode = (raw: string) => decoder.decode(Buffer.from(raw, 'latin1'));
  const warnings: string[] = [];
  const columns = variables.map((v) => {
    if (v.stringValueLabels > 0) {
      warnings.push(
        `The value labels of the text variable "${v.name}" were not kept: only numbers can carry labels here.`,
      );
    }
    return v.width === 0 ? numericColumn(v, cases) : textColumn(v, dict, cases, decode);
  });
  const table: Table = { source: file.split(/[\\/]/).pop()!, nrows: cases.ncases, columns };
  if (warnings.length > 0) table.warnings = warnings;
  return table;
}

function numericColumn(v: SavVariable, cases: SavCases): Column {
  const values = cases.data[v.segments[0]!] as Float64Array;
  for (let i = 0; i < values.length; i++) if (v.isMissing(values[i]!)) values[i] = NaN;
  const column: Column = { name: v.name, label: v.label, type: 'numeric', values };
  if (Object.keys(v.valueLabels).length > 0) column.valueLabels = v.valueLabels;
  return column;
}

/** A very long string is the first 255 bytes of each of its segments (PSPP, "Very Long String Record"). */
function textColumn(v: SavVariable, dict: SavDictionary, cases: SavCases, decode: (raw: string) => string): Column {
  const parts = v.segments.map((k) => cases.data[k] as string[]);
  const widths = v.segments.map((k, j) => Math.min(dict.segments[k]!.width, Math.max(0, v.width - 255 * j), 255));
  const codes = new Map<string, number>();
  const texts: string[] = [];
  const values = new Float64Array(cases.ncases);
  for (let i = 0; i < cases.ncases; i++) {
    const raw = parts.length === 1 ? parts[0]![i]! : parts.map((p, j) => p[i]!.slice(0, widths[j])).join('');
    let code = codes.get(raw);
    if (code === undefined) {
      const text = decode(raw).replace(/[ \0]+$/, '');
      code = v.isMissing(text) ? NaN : texts.length;
      if (code === code) texts.push(text);
      codes.set(raw, code);
    }
    values[i] = code;
  }
  // Distinct raw values can decode and trim to the same text: merge them into one level.
  const levels = [...new Set(texts)].sort(compareLevels);
  const index = new Map(levels.map((l, k) => [l, k]));
  const final = texts.map((t) => index.get(t)!);
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) values[i] = final[values[i]!]!;
  return { name: v.name, label: v.label, type: 'string', values, levels };
}
