// The one typed contract between the renderer and the backend, bound to Electron IPC (src-main/electron/ipc.ts)
// and to loopback HTTP (src-main/server). Every request and response crossing a boundary is validated with these
// schemas on the receiving side.
import { z } from 'zod';

export const TfBackendSchema = z.object({
  /** 'tensorflow' is tfjs-node's native backend; 'wasm' and 'cpu' are the pure-JS/wasm fallbacks. */
  name: z.enum(['tensorflow', 'wasm', 'cpu']),
  /** Why this backend was chosen, in words a user can act on. */
  reason: z.string(),
});
export type TfBackend = z.infer<typeof TfBackendSchema>;

export const StatusSchema = z.object({
  app: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser', 'cli']),
  node: z.string(),
  backend: TfBackendSchema,
});
export type Status = z.infer<typeof StatusSchema>;

export const methods = {
  status: { request: z.object({}), response: StatusSchema },
} as const;

export type Method = keyof typeof methods;
export type RequestOf<M extends Method> = z.infer<(typeof methods)[M]['request']>;
export type ResponseOf<M extends Method> = z.infer<(typeof methods)[M]['response']>;

/** Events pushed from the backend (IPC `api:event`, HTTP server-sent events). */
export const EventSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('hello'), at: z.number() })]);
export type ApiEvent = z.infer<typeof EventSchema>;

export function isMethod(name: string): name is Method {
  return Object.hasOwn(methods, name);
}

/** An error that crosses the boundary as `{ error: { kind, message } }` and is rebuilt on the other side. */
export class ApiError extends Error {
  constructor(
    readonly kind: 'bad-request' | 'not-found' | 'failed' | 'unauthorized',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const ErrorBodySchema = z.object({
  error: z.object({ kind: z.enum(['bad-request', 'not-found', 'failed', 'unauthorized']), message: z.string() }),
});

/** The client side of the contract, implemented by both transports in src-renderer/api. */
export interface ApiClient {
  invoke<M extends Method>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>>;
  /** Subscribe to pushed events; returns the unsubscribe function. */
  on(listener: (event: ApiEvent) => void): () => void;
}

export const appName = 'mixedML Studio';
