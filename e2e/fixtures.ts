// Starts `mixedml serve` (the real CLI and server) once per worker and hands tests its tokenised URL.
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const test = base.extend<object, { appUrl: string }>({
  appUrl: [
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature: no fixtures needed here
    async ({}, use) => {
      const child = spawn(process.execPath, ['bin/mixedml.mjs', 'serve'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const url = await waitForUrl(child);
      await use(url);
      child.kill('SIGTERM');
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
