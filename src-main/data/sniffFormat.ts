// What a file is, from its first bytes, whatever its name says: a text reader refuses a spreadsheet or an
// SPSS file named .csv with a message that says what it really is.

export type SniffedFormat = 'text' | 'xlsx' | 'xls' | 'sav' | 'zsav' | 'dta' | 'gzip' | 'binary';

const ascii = (bytes: Uint8Array, start: number, text: string) =>
  text.split('').every((ch, k) => bytes[start + k] === ch.charCodeAt(0));

export function sniffFormat(head: Uint8Array): SniffedFormat {
  if (ascii(head, 0, 'PK\x03\x04')) return 'xlsx';
  if (ascii(head, 0, '\xD0\xCF\x11\xE0')) return 'xls';
  if (ascii(head, 0, '$FL2')) return 'sav';
  if (ascii(head, 0, '$FL3')) return 'zsav';
  if (ascii(head, 0, '<stata_dta>')) return 'dta';
  if (ascii(head, 0, '\x1F\x8B')) return 'gzip';
  if (ascii(head, 0, '\xFF\xFE') || ascii(head, 0, '\xFE\xFF')) return 'text';
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'binary';
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control > head.length / 20 ? 'binary' : 'text';
}

/** What to tell a user whose file is not what its name says. */
export const formatAdvice: Record<Exclude<SniffedFormat, 'text'>, string> = {
  xlsx: 'it is an Excel workbook (.xlsx): give it the .xlsx extension or export the sheet as CSV',
  xls: 'it is an old Excel workbook (.xls): save it as .xlsx or CSV in Excel',
  sav: 'it is an SPSS data file: give it the .sav extension',
  zsav: 'it is a compressed SPSS data file: give it the .zsav extension',
  dta: 'it is a Stata data file: give it the .dta extension',
  gzip: 'it is gzip-compressed: unpack it first',
  binary: 'it is not a text file: export the data as CSV from the program that made it',
};
