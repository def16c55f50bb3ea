// Adds up the vitest and Playwright JSON reports into the one closing line CI reads: "tests: N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const [vitestFile, playwrightFile] = process.argv.slice(2);

if (existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests + (v.success ? 0 : v.numFailedTestSuites);
  skipped += v.numPendingTests + v.numTodoTests;
} else failed += 1;

if (existsSync(playwrightFile)) {
  const s = JSON.parse(readFileSync(playwrightFile, 'utf8')).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  skipped += s.skipped;
} else failed += 1;

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
