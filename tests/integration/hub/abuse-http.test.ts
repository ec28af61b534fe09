/* eslint-disable @typescript-eslint/no-explicit-any -- answers here are checked by the assertions */
// The hub's HTTP routes under abuse (issue 12): live user checks, login limiting per (user, address),
// CORS for configured origins only, JSON-only bodies, and one stated body limit for knowledge publish.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import { PASSWORD, login, testHub } from './helpers';

let hub: RunningHub;
const ALLOWED = 'http://127.0.0.1:5999';

beforeAll(async () => {
  hub = await testHub({ kbSeedDir: false, corsOrigins: [ALLOWED] });
});
afterAll(async () => {
  await hub.close();
});

/** A request from a chosen loopback source address (127.0.0.0/8 all lives on lo). */
function post(
  path: string,
  body: string,
  opts: { from?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${hub.url}${path}`,
      {
        method: 'POST',
        localAddress: opts.from ?? '127.0.0.1',
        headers: { 'content-type': 'application/json', ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : null });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const loginFrom = (from: string, username: string, password: string) =>
  post('/api/login', JSON.stringify({ username, password }), { from });

const doc = (id: string, body: string) => ({ id, tier: 'general', title: `文档 ${id}`, body, tags: [] });

describe('live user record on every HTTP route', () => {
  it("a demoted admin's token no longer publishes knowledge; a disabled agent's no longer exports", async () => {
    await hub.addAgents([{ id: 'tmpadmin', role: 'admin' }, { id: 'tmpagent' }]);
    const adminToken = hub.issueToken('tmpadmin').token;
    const agentToken = hub.issueToken('tmpagent').token;
    const publish = () =>
      post(
        '/api/kb/publish',
        JSON.stringify({ idempotencyKey: `k-${Math.random()}`, upsert: [doc('d1', '正文')] }),
        {
          headers: { authorization: `Bearer ${adminToken}` },
        },
      );
    expect((await publish()).status).toBe(200);
    await hub.core.setUserAccess('tmpadmin', { role: 'agent' });
    const refused = await publish();
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/role changed/);

    const exp = () =>
      fetch(`${hub.url}/api/tickets/export`, { headers: { authorization: `Bearer ${agentToken}` } });
    expect((await exp()).status).toBe(200);
    await hub.core.setUserAccess('tmpagent', { disabled: true });
    const gone = await exp();
    expect(gone.status).toBe(401);
    expect(((await gone.json()) as any).error.message).toMatch(/disabled/);
  });

  it('a disabled account cannot log in even with the right password', async () => {
    await hub.core.setUserAccess('agent5', { disabled: true });
    const r = await login(hub, 'agent5');
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/disabled/);
    await hub.core.setUserAccess('agent5', { disabled: false });
    expect((await login(hub, 'agent5')).status).toBe(200);
  });
});

describe('login limiting per (user, address)', () => {
  it("a stranger's wrong passwords slow the stranger, not the owner at another address", async () => {
    for (let i = 0; i < 8; i++) {
      const r = await loginFrom('127.0.0.77', 'agent1', `guess-${i}`);
      expect([401, 429]).toContain(r.status);
    }
    const stranger = await loginFrom('127.0.0.77', 'agent1', PASSWORD);
    expect(stranger.status).toBe(429); // even the right password waits out the delay there
    expect(Number(stranger.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(stranger.body.error.message).toMatch(/try again in \d+ s/);
    // the owner, at their own desk, gets straight in
    expect((await loginFrom('127.0.0.1', 'agent1', PASSWORD)).status).toBe(200);
  });
});

describe('CORS and content types', () => {
  it('answers only configured origins and never echoes a foreign Origin', async () => {
    const evil = await fetch(`${hub.url}/api/health`, { headers: { origin: 'http://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${hub.url}/api/login`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const good = await fetch(`${hub.url}/api/health`, { headers: { origin: ALLOWED } });
    expect(good.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('lets socket.io serve browsers from configured origins only', async () => {
    const handshake = (origin: string) =>
      fetch(`${hub.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    const evil = await handshake('http://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const good = await handshake(ALLOWED);
    expect(good.status).toBe(200);
    expect(good.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('refuses text/plain and form logins with 415', async () => {
    const body = JSON.stringify({ username: 'agent2', password: PASSWORD });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const r = await post('/api/login', body, { headers: { 'content-type': type } });
      expect(r.status).toBe(415);
      expect(r.body.error.message).toMatch(/application\/json/);
    }
    expect((await post('/api/login', body)).status).toBe(200);
  });
});

describe('knowledge publish body limit', () => {
  it('takes 30,000- and 100,000-character documents; a body over the limit gets 413 naming it', async () => {
    const token = hub.issueToken('admin').token;
    const headers = { authorization: `Bearer ${token}` };
    const big = await post(
      '/api/kb/publish',
      JSON.stringify({
        idempotencyKey: 'big-1',
        upsert: [doc('long30k', '退'.repeat(30_000)), doc('long100k', '换'.repeat(100_000))],
      }),
      { headers },
    );
    expect(big.status).toBe(200);
    expect((await hub.core.kbGet('long100k'))!.body).toHaveLength(100_000);

    const docs = Array.from({ length: 16 }, (_, i) => doc(`over${i}`, '货'.repeat(100_000)));
    const over = await post('/api/kb/publish', JSON.stringify({ idempotencyKey: 'big-2', upsert: docs }), {
      headers,
    });
    expect(over.status).toBe(413);
    expect(over.body.error.message).toMatch(/4 MiB \(4194304 bytes\)/);
  });
});
