// A job's progress in words for the run list: phase, EM iteration and GLL, epoch and loss, fold.
import type { JobProgress } from '../../src-shared/jobs.ts';
import { formatNumber } from './numbers.ts';

export function describeProgress(p: JobProgress | null): string {
  if (!p) return '';
  const parts = [p.phase];
  if (p.fold !== undefined) parts.push(`fold ${p.fold}${p.folds ? ` of ${p.folds}` : ''}`);
  if (p.iteration !== undefined) parts.push(`iteration ${p.iteration}`);
  if (p.gll !== undefined) parts.push(`GLL ${formatNumber(p.gll)}`);
  if (p.epoch !== undefined) parts.push(`epoch ${p.epoch}`);
  if (p.loss !== undefined) parts.push(`loss ${formatNumber(p.loss)}`);
  return parts.join(' · ');
}

/** Share done: the job's own fraction, or folds done when it only counts folds. */
export function progressFraction(p: JobProgress | null): number | undefined {
  if (p?.fraction !== undefined) return p.fraction;
  if (p?.fold !== undefined && p.folds) return Math.min(1, (p.fold - 1) / p.folds);
  return undefined;
}
