#!/usr/bin/env node
// `npm start`: build, then open the desktop app; where no Electron binary can be had (offline machines, CI), say so
// in one line and start browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (command, args, options = {}) => spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });

const built = run(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'ignore' });
if (built.status !== 0) {
  console.error('mixedml: the build failed; run npm run build to see why');
  process.exit(1);
}

// Electron fetches its binary on first use; this resolves its path (downloading it once where the network allows).
const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
  cwd: root,
  encoding: 'utf8',
  timeout: 300_000,
});
const electronPath = probe.status === 0 ? probe.stdout.trim() : '';

const child = electronPath
  ? spawn(electronPath, ['.'], { cwd: root, stdio: 'inherit' })
  : (console.log(
      'Electron is not available on this machine (its binary could not be downloaded); starting browser mode.',
    ),
    spawn(process.execPath, ['bin/mixedml.mjs', 'serve'], { cwd: root, stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
