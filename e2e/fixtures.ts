// Starts `mixedml serve` (the real CLI and server) once per worker and hands tests its tokenised URL. The server's
// recovery folder is a temp folder of its own, so autosaves never touch the user's home. Every page starts as a
// returning user (the guided tour done) unless a test asks for a first start with `test.use({ firstStart: true })`.
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const test = base.extend<{ firstStart: boolean }, { appUrl: string }>({
  firstStart: [false, { option: true }],
  context: async ({ context, firstStart }, use) => {
    if (!firstStart) await context.addInitScript(() => localStorage.setItem('mixedml.tourDone', '1'));
    await use(context);
  },
  appUrl: [
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature: no fixtures needed here
    async ({}, use) => {
      const recoveryDir = mkdtempSync(join(tmpdir(), 'mixedml-e2e-recovery-'));
      const child = spawn(process.execPath, ['bin/mixedml.mjs', 'serve'], {
        cwd: root,
        env: { ...process.env, MIXEDML_RECOVERY_DIR: recoveryDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const url = await waitForUrl(child);
      await use(url);
      child.kill('SIGTERM');
      rmSync(recoveryDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`mixedml serve printed no URL:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`mixedml serve exited with ${code}:\n${output}`)));
  });
}
