// Page actions for mixedML Studio's e2e specs (Beekeeper's pattern): locators by data-testid, one user action each.
import { expect, type Locator, type Page } from '@playwright/test';

export type Screen = 'data' | 'model' | 'runs' | 'results' | 'compare' | 'predict';

export class Studio {
  /** Jobs already seen, so that runJob finds the one it started. */
  readonly #knownJobs = new Set<string>();

  constructor(readonly page: Page) {}

  testId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async go(screen: Screen) {
    await this.testId(`nav-${screen}`).click();
    await expect(this.testId(`${screen}-view`)).toBeVisible();
  }

  async openDataFile(path: string) {
    await this.testId('data-file-input').setInputFiles(path);
    await expect(this.testId('dataset-summary')).toBeVisible();
  }

  async typeFormula(text: string) {
    await this.testId('formula-input').fill(text);
  }

  async chooseLearner(learner: string, estimator: string) {
    await this.testId('learner-select').selectOption(learner);
    await this.testId('estimator-select').selectOption(estimator);
  }

  /** Presses the button that starts a job and waits until the job's row is final; returns the row. */
  async runJob(button: 'fit-button' | 'cv-button', timeout: number): Promise<Locator> {
    await this.testId(button).click();
    await expect(this.testId('runs-view')).toBeVisible();
    const first = this.page.getByTestId('job-row').first();
    await expect.poll(async () => this.#knownJobs.has((await first.getAttribute('data-job-id')) ?? '')).toBe(false);
    const id = (await first.getAttribute('data-job-id'))!;
    this.#knownJobs.add(id);
    const row = this.page.locator(`[data-testid="job-row"][data-job-id="${id}"]`);
    await expect(row).toHaveAttribute('data-status', /finished|failed|cancelled/, { timeout });
    return row;
  }

  /** The full-precision number in a results table cell. */
  async cellValue(table: string, row: string, column: string): Promise<number> {
    const cell = this.testId(`table-${table}`).locator(`tr[data-row="${row}"] td[data-column="${column}"]`);
    return Number(await cell.getAttribute('data-value'));
  }

  /** Clicks an export button and reads the file it downloads. */
  async download(testId: string): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.testId(testId).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  /** Answers the browser-mode path modal. */
  async answerPath(path: string) {
    await expect(this.testId('modal-path')).toBeVisible();
    await this.testId('modal-path').fill(path);
    await this.testId('modal-ok').click();
    await expect(this.testId('modal')).toBeHidden();
  }
}
