// The first start, prediction and crash recovery, in browser mode: a fresh profile opens the built-in example with
// the guided tour; the example's fitted model predicts its own data and a new file on the Predict screen (shown and
// exported as CSV); unsaved work autosaved before the window goes away is offered on the next start and restored.
// Screenshots of the new screens are saved as test artifacts.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { Studio } from './studio.ts';

const exampleProject = JSON.parse(
  readFileSync(fileURLToPath(new URL('../resources/example/example.mixedml', import.meta.url)), 'utf8'),
) as { datasets: { bytes: string }[] };
const exampleCsv = Buffer.from(exampleProject.datasets[0]!.bytes, 'base64').toString('utf8');

test.use({ viewport: { width: 1440, height: 1000 } });

const screenshot = (page: Page, testInfo: TestInfo) => (name: string) =>
  page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });

test.describe('a fresh profile', () => {
  test.use({ firstStart: true });

  test('opens the example with the guided tour, which can be skipped and taken again', async ({
    page,
    appUrl,
  }, testInfo) => {
    const studio = new Studio(page);
    const shot = screenshot(page, testInfo);
    await page.goto(appUrl);

    await expect(studio.testId('tour')).toBeVisible();
    await expect(studio.testId('tour-step')).toHaveText('Step 1 of 8');
    await expect(studio.testId('tour-title')).toHaveText('Your data');
    await expect(studio.testId('dataset-summary')).toContainText('5,787 rows');
    await expect(studio.testId('project-name')).toContainText('Example project');
    await expect(studio.testId('tour-highlight')).toBeVisible();
    await expect(studio.testId('tour-next')).toBeFocused();
    await shot('tour-data');

    await page.keyboard.press('ArrowRight');
    await expect(studio.testId('tour-title')).toHaveText('Derived columns');
    await page.keyboard.press('Enter');
    await expect(studio.testId('tour-title')).toHaveText('Build the model');
    await expect(studio.testId('model-view')).toBeVisible();
    await expect(studio.testId('outcome-select')).toHaveValue('y');
    await expect(studio.testId('slope-x1_1')).toBeChecked();
    await shot('tour-model');
    await studio.testId('tour-back').click();
    await expect(studio.testId('tour-title')).toHaveText('Derived columns');
    await page.keyboard.press('Escape');
    await expect(studio.testId('tour')).toBeHidden();

    await studio.go('results');
    await expect(studio.testId('predicted-observed')).toBeVisible();
    await expect(studio.testId('residuals-note')).toContainText('60 of 200 clusters shown');
    expect((await studio.download('predicted-observed-svg')).text).toMatch(/^<svg/);
    expect((await studio.download('residuals-chart-png')).name).toMatch(/\.png$/);
    await studio.testId('residuals-chart').scrollIntoViewIfNeeded();
    await shot('results-prediction-charts');

    await page.reload();
    await expect(studio.testId('status-line')).toContainText('Browser mode');
    await expect(studio.testId('data-empty')).toBeVisible();
    await expect(studio.testId('tour')).toBeHidden();
    await studio.testId('toolbar-help').click();
    await expect(studio.testId('tour-title')).toHaveText('Your data');
    await expect(studio.testId('dataset-summary')).toContainText('5,787 rows');
    await studio.testId('tour-skip').click();
    await expect(studio.testId('tour')).toBeHidden();
  });
});

test('predicts the example’s own data and a new file, and exports the predictions', async ({
  page,
  appUrl,
}, testInfo) => {
  const studio = new Studio(page);
  const shot = screenshot(page, testInfo);
  await page.addInitScript(() =>
    localStorage.setItem('mixedml.recent', JSON.stringify([{ kind: 'project', path: '/nonexistent/gone.mixedml' }])),
  );
  await page.goto(appUrl);

  await test.step('a recent file that is gone says so and leaves the list', async () => {
    await studio.testId('toolbar-recent').click();
    await studio.page.getByTestId('recent-item').click();
    await expect(studio.testId('notice-error')).toContainText('gone.mixedml');
    await studio.testId('toolbar-recent').click();
    await expect(studio.testId('recent-menu')).toContainText('No recent files yet');
    await page.keyboard.press('Escape');
    await expect(studio.testId('recent-menu')).toBeHidden();
  });

  await test.step('the training data', async () => {
    await studio.testId('toolbar-example').click();
    await expect(studio.testId('results-view')).toBeVisible();
    await studio.go('predict');
    await expect(studio.testId('predict-data')).toContainText('training data');
    await studio.testId('predict-run').click();
    await expect(studio.testId('predict-result-title')).toContainText('5,787 predictions for appendix_b_nonlinear.csv');
    expect(await studio.cellValue('prediction-summary', 'trained', 'rows')).toBe(5787);
    await expect(page.getByTestId('prediction-row').first()).toHaveAttribute('data-status', 'trained');
    expect(await page.getByTestId('prediction-row').count()).toBeLessThan(80);
    const csv = await studio.download('predict-export-csv');
    expect(csv.name).toBe('predictions-appendix-b-nonlinear-csv.csv');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('row,cluster,status,within,out,u_(Intercept),u_x1_1');
    expect(lines).toHaveLength(5788);
    expect(lines[1]).toMatch(/^1,1,trained,[-\d.e]+,[-\d.e]+,[-\d.e]+,[-\d.e]+$/);
  });

  await test.step('a new file: a new cluster with outcomes, one without, and a trained one', async () => {
    const [header, ...rows] = exampleCsv.trimEnd().split('\n');
    const cluster = (line: string) => line.slice(0, line.indexOf(','));
    const renamed = rows.flatMap((line) => {
      if (cluster(line) === '1') return [line.replace(/^1,/, '9001,')];
      if (cluster(line) === '2') return [line.replace(/^2,/, '9002,').replace(/,[^,]*$/, ',')];
      return cluster(line) === '3' ? [line] : [];
    });
    const counts = ['1', '2', '3'].map((c) => rows.filter((line) => cluster(line) === c).length);
    const file = testInfo.outputPath('new_schools.csv');
    writeFileSync(file, [header, ...renamed].join('\n') + '\n');

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), studio.testId('predict-open-data').click()]);
    await chooser.setFiles(file);
    await expect(studio.testId('predict-view')).toBeVisible();
    await expect(studio.testId('predict-data')).toHaveValue(/.+/);
    await expect(studio.testId('predict-data').locator('option:checked')).toContainText('new_schools.csv');
    await studio.testId('predict-run').click();
    await expect(studio.testId('predict-result-title')).toContainText('for new_schools.csv');
    expect(await studio.cellValue('prediction-summary', 'new', 'rows')).toBe(counts[0]);
    expect(await studio.cellValue('prediction-summary', 'unknown', 'rows')).toBe(counts[1]);
    expect(await studio.cellValue('prediction-summary', 'trained', 'rows')).toBe(counts[2]);
    await expect(studio.testId('table-new-clusters').locator('tr[data-row="9001"]')).toBeVisible();
    await shot('predict');
  });

  await test.step('the report of the session downloads as HTML', async () => {
    const report = await studio.download('toolbar-report');
    expect(report.name).toBe('example-project-report.html');
    expect(report.text).toContain('<html');
  });
});

test('unsaved work is autosaved, offered after the window went away, and restored', async ({
  page,
  appUrl,
  request,
}, testInfo) => {
  const studio = new Studio(page);
  const shot = screenshot(page, testInfo);
  const url = new URL(appUrl);
  const call = (method: string) =>
    request
      .post(`${url.origin}/api/${method}`, { headers: { 'x-mixedml-token': url.searchParams.get('token')! }, data: {} })
      .then((response) => response.json() as Promise<{ path?: string | null }>);
  // Other specs of this worker may have left an autosave: start without one.
  await call('projects.discardRecovery');
  await page.addInitScript(() => localStorage.setItem('mixedml.autosaveDelayMs', '500'));
  await page.goto(appUrl);

  await studio.testId('toolbar-example').click();
  await expect(studio.testId('results-view')).toBeVisible();
  await studio.go('data');
  await studio.testId('open-derive').click();
  await studio.testId('derive-kind').selectOption('standardize');
  await studio.testId('derive-source').selectOption('x1_1');
  await studio.testId('derive-add').click();
  await expect(studio.testId('variable-z_x1_1')).toBeVisible();
  await expect(studio.testId('autosave-status')).toBeVisible({ timeout: 10_000 });

  // The window goes away with its changes unsaved (a reload stands for a crash: nothing is saved on the way out).
  page.once('dialog', (dialog) => void dialog.accept());
  await page.reload();
  await expect(studio.testId('recovery-prompt')).toContainText('Restore unsaved work from');
  await shot('recovery-prompt');
  await studio.testId('recovery-restore').click();
  await expect(studio.testId('recovery-prompt')).toBeHidden();
  await expect(studio.testId('results-view')).toBeVisible();
  await expect(studio.testId('fit-select')).toContainText('lme REML');
  await expect(studio.testId('table-fixed-effects')).toBeVisible();
  await expect(studio.testId('project-name')).toContainText('Recovered work');
  await expect(studio.testId('unsaved-indicator')).toBeVisible();
  await studio.go('data');
  await expect(studio.testId('variable-z_x1_1')).toBeVisible();

  // Saving makes the autosave stale: it is deleted, and the project is a recent file.
  const file = testInfo.outputPath('recovered.mixedml');
  await studio.testId('toolbar-save').click();
  await studio.answerPath(file);
  await expect(studio.testId('unsaved-indicator')).toBeHidden();
  await expect.poll(async () => (await call('projects.recovery')).path).toBeNull();
  await studio.testId('toolbar-recent').click();
  await expect(studio.page.getByTestId('recent-item')).toHaveAttribute('data-path', file);
});
