// The browser-mode transport: POST /api/<method> with the per-launch token; events by server-sent events.
import { ApiError, ErrorBodySchema, EventSchema, methods, type ApiClient } from '../../src-shared/api.ts';

export function makeHttpClient(origin: string, token: string): ApiClient {
  return {
    async invoke(method, request) {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mixedml-token': token },
        body: JSON.stringify(request),
      });
      const body: unknown = await response.json();
      const failure = ErrorBodySchema.safeParse(body);
      if (!response.ok || failure.success) {
        const error = failure.data?.error ?? { kind: 'failed' as const, message: `HTTP ${response.status}` };
        throw new ApiError(error.kind, error.message);
      }
      return methods[method].response.parse(body) as never;
    },
    on(listener) {
      const source = new EventSource(`${origin}/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (message: MessageEvent<string>) => {
        const parsed = EventSchema.safeParse(JSON.parse(message.data));
        if (parsed.success) listener(parsed.data);
      };
      return () => source.close();
    },
  };
}
