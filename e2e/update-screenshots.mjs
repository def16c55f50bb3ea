// Copies the screens the e2e specs photograph (test-results/**/<screen>.png) to docs/screenshots/, where the README
// shows them: `npm run screenshots` keeps the README's pictures current with the app.
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const screens = ['data', 'model', 'runs', 'results', 'compare', 'predict', 'tour-model'];
const target = join(root, 'docs', 'screenshots');
mkdirSync(target, { recursive: true });

function* pngs(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* pngs(path);
    else if (entry.endsWith('.png')) yield path;
  }
}

const found = new Set();
for (const file of pngs(join(root, 'test-results'))) {
  const screen = basename(file, '.png');
  if (!screens.includes(screen)) continue;
  copyFileSync(file, join(target, `${screen}.png`));
  found.add(screen);
}
const missing = screens.filter((s) => !found.has(s));
console.log(
  `copied ${found.size} screenshots to docs/screenshots${missing.length ? `; missing: ${missing.join(', ')}` : ''}`,
);
if (missing.length) process.exitCode = 1;
