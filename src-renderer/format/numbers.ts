// How numbers read on screen and in APA tables. Screens show four significant digits and keep the full value in a
// data-value attribute (and in CSV), so nothing is lost by the rounding a reader needs.

const minus = '\u2212';

/** Four significant digits without exponent for everyday magnitudes; '—' for missing or undefined values. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : `${minus}∞`;
  if (Number.isInteger(value) && Math.abs(value) < 1e7) return String(value).replace('-', minus);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e7 || magnitude < 1e-4) return value.toExponential(3).replace('-', minus);
  const decimals = Math.min(7, Math.max(0, 3 - Math.floor(Math.log10(magnitude))));
  return value.toFixed(decimals).replace('-', minus);
}

/** APA style: two decimals (three below 0.1, where two would show 0.00), a true minus sign. */
export function formatApa(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Number.isInteger(value)) return String(value).replace('-', minus);
  const decimals = Math.abs(value) < 0.1 ? 3 : 2;
  return value.toFixed(decimals).replace('-', minus);
}

/** A data cell as the grid shows it: integers as they are, others to at most 8 significant digits. */
export function formatCell(value: number | string | null): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(8)));
}

/** Elapsed time as m:ss (h:mm:ss past an hour). */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
