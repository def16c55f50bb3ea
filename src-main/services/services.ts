// Transport-free handlers implementing src-shared/api.ts. IPC (electron/ipc.ts) and HTTP (server/) bind these and
// nothing else, so both transports behave the same.
import { methods, type Method, type RequestOf, type ResponseOf, type Status } from '../../src-shared/api.ts';
import { getStatus } from './status.ts';

export type Handlers = { [M in Method]: (request: RequestOf<M>) => Promise<ResponseOf<M>> };

export function makeServices(mode: Status['mode']): Handlers {
  return {
    status: () => getStatus(mode),
  };
}

/** Validate a request from outside, run its handler, validate the response. */
export async function dispatch(handlers: Handlers, method: Method, payload: unknown): Promise<unknown> {
  const request = methods[method].request.parse(payload);
  const response = await (handlers[method] as (r: unknown) => Promise<unknown>)(request);
  return methods[method].response.parse(response);
}
