// The `status` service: what the app is and which TensorFlow.js backend the engine uses on this machine.
import { appName, type Status } from '../../src-shared/api.ts';
import { loadTf } from '../engine/tfBackend.ts';
import { appVersion } from './version.ts';

export async function getStatus(mode: Status['mode']): Promise<Status> {
  const { backend } = await loadTf();
  return { app: appName, version: appVersion, mode, node: process.versions.node, backend };
}
