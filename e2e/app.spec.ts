// The social scientist's path through the app, in browser mode: import mlbook.csv, build the seed paper's Table 5
// model, fit it, read the fixed effects against lme4 (reference/mlbook_table5.lme4.json), cross-validate, save the
// project, reload the window and reopen it. Screenshots of every screen are saved as test artifacts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';
import { Studio } from './studio.ts';

const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const mlbook = `${shared}datasets/mlbook.csv`;
const reference = JSON.parse(readFileSync(`${shared}reference/mlbook_table5.lme4.json`, 'utf8')) as {
  formula: string;
  REML: { fixef: Record<string, number> };
};

// The reference README's tolerance for fixed effects.
const within = (value: number, expected: number) =>
  Math.abs(value - expected) <= 1e-3 * Math.max(1, Math.abs(expected));

test.use({ viewport: { width: 1440, height: 1000 } });

test('import, build Table 5, fit REML-EM with the linear learner, compare, save and reopen', async ({
  page,
  appUrl,
}, testInfo) => {
  const studio = new Studio(page);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(appUrl);
  let shownIqVerb = NaN;

  await test.step('import mlbook.csv and derive a school mean', async () => {
    await studio.openDataFile(mlbook);
    await expect(studio.testId('dataset-summary')).toContainText('3,758 rows');
    await expect(studio.testId('grid-header-langPOST')).toBeVisible();
    await expect(page.getByTestId('grid-row').first()).toContainText('46');
    await studio.testId('open-derive').click();
    await studio.testId('derive-kind').selectOption('clusterMean');
    await studio.testId('derive-source').selectOption('IQ_verb');
    await studio.testId('derive-group').selectOption('schoolnr');
    await studio.testId('derive-name').fill('sch_iqv_mean');
    await studio.testId('derive-add').click();
    await expect(studio.testId('variable-sch_iqv_mean')).toBeVisible();
    await expect(studio.testId('unsaved-indicator')).toBeVisible();
    await shot('data');
  });

  await test.step('build the model: checkboxes and formula text follow each other', async () => {
    await studio.go('model');
    await studio.typeFormula('langPOST ~ IQ_verb + (1 | schoolnr');
    await expect(studio.testId('formula-error')).toContainText('At character 22');
    await studio.typeFormula(reference.formula);
    await expect(studio.testId('formula-error')).toBeHidden();
    await expect(studio.testId('outcome-select')).toHaveValue('langPOST');
    await expect(studio.testId('cluster-select')).toHaveValue('schoolnr');
    for (const name of ['IQ_verb', 'ses', 'sch_iqv', 'sch_ses'])
      await expect(studio.testId(`predictor-${name}`)).toBeChecked();
    await expect(studio.testId('slope-IQ_verb')).toBeChecked();
    await expect(studio.testId('slope-ses')).toBeChecked();
    await expect(studio.testId('interaction-IQ_verb:sch_ses')).toBeVisible();
    await studio.testId('slope-ses').uncheck();
    await expect(studio.testId('formula-input')).toHaveValue(/\(IQ_verb \| schoolnr\)$/);
    await studio.testId('slope-ses').check();
    await expect(studio.testId('formula-input')).toHaveValue(reference.formula);
    await studio.chooseLearner('linear', 'reml');
    await shot('model');
  });

  await test.step('fit and read the fixed effects against lme4', async () => {
    const row = await studio.runJob('fit-button', 45_000);
    await expect(row).toHaveAttribute('data-status', 'finished');
    await shot('runs');
    await row.getByTestId('job-show').click();
    await expect(studio.testId('table-fixed-effects')).toBeVisible();
    for (const [name, expected] of Object.entries(reference.REML.fixef)) {
      const shown = await studio.cellValue('fixed-effects', name, 'estimate');
      expect(within(shown, expected), `${name}: shown ${shown}, lme4 ${expected}`).toBe(true);
    }
    shownIqVerb = await studio.cellValue('fixed-effects', 'IQ_verb', 'estimate');
    await expect(studio.testId('fit-warnings')).toContainText(/singular/i);
    await studio.testId('show-as-code-toggle').click();
    await expect(studio.testId('code-r')).toContainText('lmer(langPOST ~ IQ_verb + ses');
    await expect(studio.testId('code-r')).toContainText('REML = TRUE');
    await expect(studio.testId('code-cli')).toContainText('mixedml fit --data mlbook.csv');
    await expect(studio.testId('code-cli')).toContainText('--learner linear --estimator reml');
    await expect(studio.testId('caterpillar-0')).toBeVisible();
    const csv = await studio.download('table-fixed-effects-csv');
    expect(csv.name).toBe('fixed-effects.csv');
    expect(csv.text).toContain(`IQ_verb,${shownIqVerb}`);
    expect((await studio.download('table-fixed-effects-html')).text).toContain('<i>Fixed effects</i>');
    expect((await studio.download('caterpillar-0-svg')).text).toMatch(/^<svg/);
    expect((await studio.download('caterpillar-0-png')).name).toMatch(/\.png$/);
    await shot('results');
  });

  await test.step('cross-validate with 5 folds and see the comparison table', async () => {
    await studio.go('model');
    await studio.testId('cv-folds').fill('5');
    await studio.testId('cv-folds').blur();
    const row = await studio.runJob('cv-button', 45_000);
    await expect(row).toHaveAttribute('data-status', 'finished');
    await row.getByTestId('job-show').click();
    await expect(studio.testId('table-cv-comparison')).toBeVisible();
    await expect(studio.testId('table-cv-comparison')).toContainText('LME');
    await shot('compare');
  });

  await test.step('save the project, reload the window, reopen and see the same results', async () => {
    const file = testInfo.outputPath('table5.mixedml');
    await studio.testId('toolbar-save').click();
    await studio.answerPath(file);
    await expect(studio.testId('unsaved-indicator')).toBeHidden();
    await page.reload();
    await expect(studio.testId('data-empty')).toBeVisible();
    await studio.testId('toolbar-open-project').click();
    await studio.answerPath(file);
    await expect(studio.testId('results-view')).toBeVisible();
    const after = await studio.cellValue('fixed-effects', 'IQ_verb', 'estimate');
    expect(after).toBe(shownIqVerb);
    await studio.go('compare');
    await expect(studio.testId('table-cv-comparison')).toBeVisible();
    await studio.go('data');
    await expect(studio.testId('variable-sch_iqv_mean')).toBeVisible();
    await expect(studio.testId('unsaved-indicator')).toBeHidden();
  });

  await test.step('unsaved changes are not lost without asking', async () => {
    await studio.testId('open-derive').click();
    await studio.testId('derive-kind').selectOption('standardize');
    await studio.testId('derive-source').selectOption('ses');
    await studio.testId('derive-add').click();
    await expect(studio.testId('variable-z_ses')).toBeVisible();
    await expect(studio.testId('unsaved-indicator')).toBeVisible();
    await expect(page).toHaveTitle(/^• table5\.mixedml/);
    await studio.testId('toolbar-open-project').click();
    await expect(studio.testId('modal')).toContainText('Unsaved changes');
    await studio.testId('modal-cancel').click();
    await expect(studio.testId('variable-z_ses')).toBeVisible();
  });
});

test('a failed call shows the backend’s message and the window carries on', async ({ page, appUrl }) => {
  const studio = new Studio(page);
  await page.goto(appUrl);
  await studio.testId('toolbar-open-project').click();
  await studio.answerPath('/nonexistent/study.mixedml');
  await expect(studio.testId('notice-error')).toContainText('Could not open the project: ');
  await expect(studio.testId('notice-error')).toContainText('study.mixedml');
  await studio.go('model');
  await expect(studio.testId('model-problems')).toContainText('Open a data set first.');
});
