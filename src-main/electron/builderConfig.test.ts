// electron-builder.yml, checked offline: loaded and validated by electron-builder's own code (the JSON schema it
// checks every build against, app-builder-lib's scheme.json), and holding what the installers need (issue 8).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
const validate = (c: Configuration) => validateConfiguration(c, new DebugLogger(false));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

const asArray = <T>(x: T | T[] | null | undefined): T[] => (x == null ? [] : Array.isArray(x) ? x : [x]);
const targetNames = (target: unknown) =>
  asArray(target).map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is checked for real: a misspelt option fails the same validation', async () => {
    await expect(validate({ ...config, fileAsociations: [] } as Configuration)).rejects.toThrow(/fileAsociations/);
  });

  it('builds AppImage and deb, nsis and dmg under one app id', () => {
    expect(config.appId).toBe('org.mixedml.studio');
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
  });

  it('has icons in resources/: a 512 px PNG for Windows and macOS, 256 and 512 px for Linux', () => {
    expect(config.win?.icon).toBe('resources/icon.png');
    expect(config.mac?.icon).toBe('resources/icon.png');
    expect(pngSize(join(root, 'resources/icon.png'))).toEqual([512, 512]);
    const linuxIcons = join(root, config.linux!.icon!);
    expect(pngSize(join(linuxIcons, '256x256.png'))).toEqual([256, 256]);
    expect(pngSize(join(linuxIcons, '512x512.png'))).toEqual([512, 512]);
  });

  it('opens .mixedml project files', () => {
    expect(asArray(config.fileAssociations).map((a) => a.ext)).toEqual(['mixedml']);
    expect(config.linux?.mimeTypes).toContain('application/x-mixedml');
  });

  it('unpacks the TensorFlow.js native addon and the wasm binaries from the asar', () => {
    const unpacked = asArray(config.asarUnpack);
    expect(unpacked).toContain('node_modules/@tensorflow/tfjs-node/**');
    expect(unpacked).toContain('node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm');
  });

  it('packs the bundles and ships the example project beside the app', () => {
    // electron-builder reads `files` as file sets; ours is one list of patterns.
    const patterns = asArray(config.files).flatMap((f) => (typeof f === 'string' ? [f] : asArray(f?.filter)));
    expect(patterns).toContain('out/**');
    const example = asArray(config.extraResources).find(
      (r): r is { from: string; to: string } => typeof r === 'object' && r !== null && 'from' in r,
    );
    expect(example).toEqual({ from: 'resources/example/example.mixedml', to: 'example/example.mixedml' });
    expect(existsSync(join(root, example!.from))).toBe(true);
  });
});
