import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatusSchema } from '../../src-shared/api.ts';
import { makeServices, type Services } from '../services/services.ts';
import { startServer, type RunningServer } from './server.ts';

describe('loopback server', () => {
  let running: RunningServer;
  let services: Services;
  let origin: string;
  const post = (path: string, body: string, token = running.token) =>
    fetch(`${origin}${path}`, { method: 'POST', headers: { 'x-mixedml-token': token }, body });

  beforeAll(async () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'mixedml-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<h1>app</h1>');
    services = makeServices({ mode: 'browser' });
    running = await startServer({ services, staticDir });
    origin = new URL(running.url).origin;
  });
  afterAll(async () => {
    await running.close();
    await services.close();
  });

  it('binds to 127.0.0.1 and puts the token in the URL it prints', () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('answers a valid call with a response that satisfies the contract', async () => {
    const response = await post('/api/status', '{}');
    expect(response.status).toBe(200);
    const status = StatusSchema.parse(await response.json());
    expect(status.mode).toBe('browser');
    expect(['tensorflow', 'wasm', 'cpu']).toContain(status.backend.name);
  });

  it('refuses a call without or with a wrong token', async () => {
    expect((await post('/api/status', '{}', 'wrong')).status).toBe(401);
    expect((await fetch(`${origin}/api/status`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('rejects unknown methods and malformed bodies with a typed error', async () => {
    const unknown = await post('/api/deleteEverything', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { kind: 'not-found', message: 'no API method deleteEverything' } });
    const malformed = await post('/api/status', '{not json');
    expect(malformed.status).toBe(400);
  });

  it('survives malformed paths and tokens', async () => {
    expect((await fetch(`${origin}/%E0%A4%A`)).status).toBe(400);
    expect((await post('/api/status', '{}', 'é'.repeat(running.token.length))).status).toBe(401);
    expect((await post('/api/status', '{}')).status).toBe(200);
  });

  it('serves the renderer without a token and never files outside its folder', async () => {
    const page = await fetch(`${origin}/`);
    expect(await page.text()).toBe('<h1>app</h1>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`${origin}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).not.toContain('root:');
  });
});
