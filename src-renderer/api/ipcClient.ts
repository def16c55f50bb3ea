// The Electron transport: responses come back as `{ ok }` or `{ error }` and are validated like HTTP responses.
import { ApiError, ErrorBodySchema, EventSchema, methods, type ApiClient } from '../../src-shared/api.ts';

type Bridge = NonNullable<Window['api']>;

export function makeIpcClient(bridge: Bridge): ApiClient {
  return {
    async invoke(method, request) {
      const reply = (await bridge.invoke(method, request)) as { ok?: unknown };
      const failure = ErrorBodySchema.safeParse(reply);
      if (failure.success) throw new ApiError(failure.data.error.kind, failure.data.error.message);
      return methods[method].response.parse(reply.ok) as never;
    },
    on(listener) {
      return bridge.on((event) => {
        const parsed = EventSchema.safeParse(event);
        if (parsed.success) listener(parsed.data);
      });
    },
  };
}
