// Where the built-in example project is: beside the app's resources when packaged (electron-builder.yml copies it to
// <resources>/example as an extraResource), else in the resources/ folder of the checkout (browser mode, the CLI,
// and Electron run from a checkout, whose process.resourcesPath is Electron's own folder).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApiError } from '../../src-shared/api.ts';

const fileName = join('example', 'example.mixedml');

export function exampleProjectPath(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, fileName))) return join(packaged, fileName);
  // Up from this module to the checkout's root: src-main/services/ under tsx, out/main/ (or a chunk below it) bundled.
  for (let dir = import.meta.dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const path = join(dir, 'resources', fileName);
    if (existsSync(path)) return path;
  }
  throw new ApiError('not-found', 'the example project is missing from this installation');
}
