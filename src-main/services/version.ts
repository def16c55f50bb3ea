// The app's version, read from package.json at build time so bundles and the CLI agree.
import pkg from '../../package.json' with { type: 'json' };

export const appVersion: string = pkg.version;
