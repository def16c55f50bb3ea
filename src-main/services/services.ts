// Transport-free handlers implementing src-shared/api.ts. IPC (electron/ipc.ts) and HTTP (server/) bind these and
// nothing else, so both transports behave the same.
import { methods, type Method, type RequestOf, type ResponseOf, type Status } from '../../src-shared/api.ts';
import { DatasetStore, summarize } from './datasets.ts';
import { getStatus } from './status.ts';

export type Handlers = { [M in Method]: (request: RequestOf<M>) => Promise<ResponseOf<M>> };

export function makeServices(mode: Status['mode']): Handlers {
  const datasets = new DatasetStore();
  return {
    status: () => getStatus(mode),
    'datasets.openPath': async ({ path, sheet }) => summarize(await datasets.openPath(path, { sheet })),
    'datasets.upload': async ({ name, base64, sheet }) =>
      summarize(await datasets.add(name, Buffer.from(base64, 'base64'), { sheet }, [])),
    'datasets.rows': async ({ id, offset, limit }) => ({ offset, rows: datasets.rows(id, offset, limit) }),
    'datasets.derive': async ({ id, column }) => summarize(datasets.derive(id, column)),
  };
}

/** Validate a request from outside, run its handler, validate the response. */
export async function dispatch(handlers: Handlers, method: Method, payload: unknown): Promise<unknown> {
  const request = methods[method].request.parse(payload);
  const response = await (handlers[method] as (r: unknown) => Promise<unknown>)(request);
  return methods[method].response.parse(response);
}
