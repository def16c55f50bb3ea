// Browser mode: the built renderer and the services on 127.0.0.1, guarded by a per-launch token. The renderer's
// HTTP client sends the token with every call; static files carry no data and need none.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ZodError } from 'zod';
import { ApiError, isMethod, type ApiEvent } from '../../src-shared/api.ts';
import { dispatch, type Services } from '../services/services.ts';
import { serveStatic } from './static.ts';

export interface RunningServer {
  url: string;
  token: string;
  server: Server;
  /** Stops listening and closes the event streams; the services stay the caller's to close. */
  close(): Promise<void>;
}

const maxBody = 256 * 1024 * 1024;

export async function startServer(options: {
  services: Services;
  staticDir: string;
  port?: number;
  token?: string;
}): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const listeners = new Set<ServerResponse>();
  const authorised = (req: IncomingMessage, url: URL) => {
    const given = Buffer.from(String(req.headers['x-mixedml-token'] ?? url.searchParams.get('token') ?? ''));
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      // Whatever one request does, the server (and with it browser mode) keeps running.
      sendError(res, error);
    }
  });

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith('/api/')) return serveStatic(options.staticDir, url.pathname, res);
    if (!authorised(req, url)) return sendError(res, new ApiError('unauthorized', 'missing or wrong token'));
    if (url.pathname === '/api/events' && req.method === 'GET') return openEvents(res, listeners);
    const method = url.pathname.slice('/api/'.length);
    if (req.method !== 'POST' || !isMethod(method)) {
      return sendError(res, new ApiError('not-found', `no API method ${method}`));
    }
    readJson(req)
      .then((payload) => dispatch(options.services.handlers, method, payload))
      .then((body) => sendJson(res, 200, body))
      .catch((error: unknown) => sendError(res, error));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const unsubscribe = options.services.onEvent((event) => {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of listeners) res.write(line);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    server,
    close: () =>
      new Promise((resolve) => {
        unsubscribe();
        for (const res of listeners) res.end();
        server.close(() => resolve());
      }),
  };
}

function openEvents(res: ServerResponse, listeners: Set<ServerResponse>) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(`data: ${JSON.stringify({ type: 'hello', at: Date.now() } satisfies ApiEvent)}\n\n`);
  listeners.add(res);
  res.on('close', () => listeners.delete(res));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBody) throw new ApiError('bad-request', 'request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError('bad-request', 'request body is not JSON');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: unknown) {
  const apiError =
    error instanceof ApiError
      ? error
      : error instanceof ZodError
        ? new ApiError('bad-request', error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
        : new ApiError('failed', error instanceof Error ? error.message : String(error));
  const status = { 'bad-request': 400, unauthorized: 401, 'not-found': 404, failed: 500 }[apiError.kind];
  sendJson(res, status, { error: { kind: apiError.kind, message: apiError.message } });
}
