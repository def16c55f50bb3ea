// How one text cell becomes a number: the missing-value tokens, the decimal separator, and the non-finite
// literals. A cell is a number only if R's type.convert would read it as one (hex included, 0b/0o not).

/** Empty, "NA" and "." (the SAS/Stata/SPSS export convention) are missing. */
export const MISSING = Symbol('missing');
/** "Inf", "-Inf", "NaN", "Infinity" (any case): not a value a model can use; the caller decides. */
export const NON_FINITE = Symbol('non-finite');
/** Anything else that is not a number: the column is text. */
export const TEXT = Symbol('text');

export type CellValue = number | typeof MISSING | typeof NON_FINITE | typeof TEXT;

/**
 * `comma`: "1,5" is 1.5 (files with ';' or tab delimiters from European locales); `dot`: only "1.5";
 * `undecided`: the first decimal comma met switches the file to `comma` (see DecimalState).
 */
export type DecimalMode = 'dot' | 'comma' | 'undecided';

export interface DecimalState {
  mode: DecimalMode;
}

const nonFinite = /^[-+]?(inf|infinity|nan)$/i;
const commaDecimal = /^[-+]?\d*,\d+(?:[eE][-+]?\d+)?$/;

export function parseCell(text: string, decimal: DecimalState): CellValue {
  if (text === '' || text === 'NA' || text === '.') return MISSING;
  // Number() is the fast path; it also accepts forms R does not ("Infinity", "0b1", "0o7", "" and blanks).
  const v = Number(text);
  if (v === v && v !== Infinity && v !== -Infinity) {
    if (v === 0 && text.trim() === '') return MISSING;
    const c0 = text.charCodeAt(0);
    const c1 = text.charCodeAt(1) | 32;
    if (c0 === 48 && (c1 === 98 || c1 === 111)) return TEXT;
    return v;
  }
  const t = text.trim();
  if (t === '' || t === 'NA' || t === '.') return MISSING;
  if (nonFinite.test(t)) return NON_FINITE;
  if (decimal.mode !== 'dot' && commaDecimal.test(t)) {
    decimal.mode = 'comma';
    return Number(t.replace(',', '.'));
  }
  return TEXT;
}
