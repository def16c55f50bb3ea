#!/usr/bin/env node
// The `mixedml` command runs the TypeScript sources directly through tsx, so it works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/main.ts');
