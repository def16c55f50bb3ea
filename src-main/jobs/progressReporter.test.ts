// The worker-side progress cadence on a fake clock: at most one message per 100 ms, a heartbeat every 500 ms of ticks.
import { describe, expect, it } from 'vitest';
import { makeProgressReporter } from './progressReporter.ts';
import type { JobProgress } from '../../src-shared/jobs.ts';

function fakeReporter() {
  let t = 0;
  const sent: { at: number; progress: JobProgress }[] = [];
  const reporter = makeProgressReporter(
    (progress) => sent.push({ at: t, progress }),
    () => t,
  );
  return { reporter, sent, advance: (ms: number) => (t += ms) };
}

describe('makeProgressReporter', () => {
  it('sends the first tick at once, as "started"', () => {
    const { reporter, sent } = fakeReporter();
    reporter.tick();
    expect(sent).toEqual([{ at: 0, progress: { phase: 'started' } }]);
  });

  it('sends a report every millisecond at most every 100 ms, always the latest', () => {
    const { reporter, sent, advance } = fakeReporter();
    for (let i = 0; i <= 1000; i++, advance(1)) reporter.report({ phase: 'fit', iteration: i });
    expect(sent.map((s) => s.at)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(sent.map((s) => s.progress.iteration)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });

  it('sends a report held back by the gap on the next tick after the gap', () => {
    const { reporter, sent, advance } = fakeReporter();
    reporter.report({ phase: 'a' });
    advance(30);
    reporter.report({ phase: 'b' });
    advance(69);
    reporter.tick();
    advance(1);
    reporter.tick();
    expect(sent).toEqual([
      { at: 0, progress: { phase: 'a' } },
      { at: 100, progress: { phase: 'b' } },
    ]);
  });

  it('repeats the latest progress as a heartbeat every 500 ms of ticks without reports', () => {
    const { reporter, sent, advance } = fakeReporter();
    reporter.report({ phase: 'fit', iteration: 7 });
    for (let i = 0; i < 1500; i++) {
      advance(1);
      reporter.tick();
    }
    expect(sent.map((s) => s.at)).toEqual([0, 500, 1000, 1500]);
    expect(sent.every((s) => s.progress.iteration === 7)).toBe(true);
  });
});
