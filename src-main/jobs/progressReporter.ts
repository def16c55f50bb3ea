// The worker's side of progress cadence: a job may report thousands of times a second, or not at all for a while;
// what reaches the pool is the latest progress at most once per `minGapMs` and, on every tick, at least once per
// `heartbeatMs`. Ticks come from progress reports, from cancellation polls and from a timer (serveJobs.ts).
import type { JobProgress } from '../../src-shared/jobs.ts';

export interface ProgressCadence {
  /** Shortest gap between two messages (100 ms: at most ~10 a second). */
  minGapMs: number;
  /** Longest gap between two messages while the job ticks (a heartbeat repeats the latest progress). */
  heartbeatMs: number;
}

export const progressCadence: ProgressCadence = { minGapMs: 100, heartbeatMs: 500 };

export interface ProgressReporter {
  report(progress: JobProgress): void;
  /** Sends the latest progress if it is new and the gap allows it, or if a heartbeat is due. */
  tick(): void;
}

export function makeProgressReporter(
  send: (progress: JobProgress) => void,
  now: () => number = () => performance.now(),
  cadence: ProgressCadence = progressCadence,
): ProgressReporter {
  let latest: JobProgress = { phase: 'started' };
  let unsent = true;
  let lastSent = -Infinity;
  const tick = () => {
    const t = now();
    const gap = t - lastSent;
    if ((unsent && gap >= cadence.minGapMs) || gap >= cadence.heartbeatMs) {
      lastSent = t;
      unsent = false;
      send(latest);
    }
  };
  return {
    report(progress) {
      latest = progress;
      unsent = true;
      tick();
    },
    tick,
  };
}
