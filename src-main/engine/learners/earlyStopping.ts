// The paper's stopping rule for the nets: Keras' EarlyStopping(monitor='loss', min_delta, patience,
// restore_best_weights=False) on the training loss, with Keras' exact semantics (MATH.md section 7).

/**
 * An epoch improves when its loss beats the best loss so far by more than minDelta (loss + minDelta < best, strictly);
 * training stops at the end of the epoch that makes `patience` epochs in a row without improvement. The first epoch
 * always improves (best starts at +Infinity), so a fit runs at least patience + 1 epochs. The weights are those of the
 * last epoch, not the best one (restore_best_weights=False). Keras resets this state at the start of every fit, and so
 * does a warm-started fit here.
 */
export class EarlyStopping {
  private best = Infinity;
  private wait = 0;

  constructor(
    private readonly minDelta: number,
    private readonly patience: number,
  ) {}

  /** Records epoch `epoch` (0-based) and says whether training stops after it. */
  shouldStop(loss: number, epoch: number): boolean {
    this.wait += 1;
    if (loss + this.minDelta < this.best) {
      this.best = loss;
      this.wait = 0;
      return false;
    }
    return this.wait >= this.patience && epoch > 0;
  }
}
