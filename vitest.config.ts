import { defineConfig } from 'vitest/config';

// VITEST_JSON (set by .ci/run) adds a JSON report for CI's closing line.
const json = process.env.VITEST_JSON;

export default defineConfig({
  test: {
    include: ['src-shared/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: json ? ['default', 'json'] : ['default'],
    outputFile: json ? { json } : undefined,
  },
});
