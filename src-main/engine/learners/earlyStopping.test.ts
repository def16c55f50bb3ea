import { describe, expect, it } from 'vitest';
import { EarlyStopping } from './earlyStopping.ts';

/** The number of epochs a fit runs on these losses, by the rule of Keras' EarlyStopping.on_epoch_end. */
function epochsRun(losses: number[], minDelta: number, patience: number): number {
  const stopper = new EarlyStopping(minDelta, patience);
  for (let epoch = 0; epoch < losses.length; epoch++) if (stopper.shouldStop(losses[epoch]!, epoch)) return epoch + 1;
  return losses.length;
}

describe('EarlyStopping (Keras monitor=loss, restore_best_weights=False)', () => {
  it('runs patience + 1 epochs when nothing improves after the first', () => {
    expect(epochsRun(Array(20).fill(5), 0.1, 8)).toBe(9);
    expect(epochsRun(Array(20).fill(5), 0.1, 3)).toBe(4);
  });

  it('counts an improvement only when the loss beats the best by more than minDelta', () => {
    // 10, 9.96, 9.92: each beats the best (10) by less than 0.1, so the second stops a fit with patience 2.
    expect(epochsRun([10, 9.96, 9.92, 9.88, 9.84], 0.1, 2)).toBe(3);
    // Beating the best by exactly minDelta is no improvement (binary-exact numbers).
    expect(epochsRun([10, 9.875, 9.875, 9], 0.125, 2)).toBe(3);
    // Improvements are measured from the best loss: 9.88 beats 10 by 0.12, which resets the wait.
    expect(epochsRun([10, 9.96, 9.88, 9.86, 9.84, 9.82], 0.1, 2)).toBe(5);
    // Beating the best by 0.15 each epoch keeps training going.
    const fast = Array.from({ length: 20 }, (_, i) => 10 - 0.15 * i);
    expect(epochsRun(fast, 0.1, 3)).toBe(20);
  });

  it('compares with the best loss so far, not the previous epoch, and resets the wait on an improvement', () => {
    // best 10 (epoch 0); 12, 11 no; 9.5 improves (wait 0); 9.45, 9.5, 9.41 no: the third of these stops (patience 3).
    expect(epochsRun([10, 12, 11, 9.5, 9.45, 9.5, 9.41, 1, 1], 0.1, 3)).toBe(7);
  });

  it('with minDelta 0 any decrease is an improvement', () => {
    expect(epochsRun([3, 2.9999, 2.9998, 2.9998, 2.9998], 0, 2)).toBe(5);
    expect(epochsRun([3, 2.9999, 2.9998, 2.9998, 2.9998, 2.9998], 0, 2)).toBe(5);
  });
});
