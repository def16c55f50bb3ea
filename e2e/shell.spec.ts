import { test, expect } from './fixtures.ts';

test('the shell page loads and shows the TensorFlow.js backend', async ({ page, appUrl }, testInfo) => {
  await page.goto(appUrl);
  await expect(page.getByRole('heading', { name: 'mixedML Studio' })).toBeVisible();
  await expect(page.getByTestId('tf-backend')).toHaveText(
    /TensorFlow\.js backend: (TensorFlow native|WebAssembly|JavaScript \(cpu\))/,
  );
  await expect(page.getByTestId('status-line')).toContainText('Browser mode');
  await page.screenshot({ path: testInfo.outputPath('shell.png'), fullPage: true });
});

test('the API refuses calls without the per-launch token', async ({ request, appUrl }) => {
  const origin = new URL(appUrl).origin;
  const response = await request.post(`${origin}/api/status`, { data: {} });
  expect(response.status()).toBe(401);
});
