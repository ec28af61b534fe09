/* eslint-disable @typescript-eslint/no-explicit-any -- event payloads here are checked by the assertions, not the type system */
// Login, handshake refusal, token expiry, per-event RBAC and payload validation against a real hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../../src/hub/auth/token';
import type { RunningHub } from '../../../src/hub/index';
import { TicketFactory } from '../../../src/simulator/factory';
import { LoginResponseSchema } from '../../../src/shared/hub-protocol';
import { TestClient, connectAs, login, sleep, testHub, until } from './helpers';
import { outcome } from '../../support/fixtures';

const SECRET = 'test-secret-0123456789';
let hub: RunningHub;

beforeAll(async () => {
  hub = await testHub({ tokenSecret: SECRET, kbSeedDir: false });
});
afterAll(async () => {
  await hub.close();
});

describe('login', () => {
  it('issues a signed, expiring token for a good password', async () => {
    const r = await login(hub, 'agent1');
    expect(r.status).toBe(200);
    const parsed = LoginResponseSchema.parse(r.body);
    expect(parsed.agent).toMatchObject({ id: 'agent1', role: 'agent' });
    expect(parsed.agent.skills.length).toBeGreaterThan(0);
    expect(parsed.expiresAt).toBeGreaterThan(Date.now());
    expect(parsed.token.split('.')).toHaveLength(3);
  });

  it('refuses a bad password and an unknown user with the same message', async () => {
    const bad = await login(hub, 'agent1', 'wrong-password');
    const unknown = await login(hub, 'nobody', 'xiaoer123');
    expect(bad.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(bad.body).toEqual(unknown.body);
    expect(bad.body.error.code).toBe('UNAUTHORIZED');
  });

  it('after the free failures one address waits before trying again (429, Retry-After), even with the right password', async () => {
    for (let i = 0; i < 6; i++) expect((await login(hub, 'agent7', `guess-${i}`)).status).toBe(401);
    const res = await fetch(`${hub.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent7', password: 'xiaoer123' }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await res.json()) as any).error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/try again in \d+ s/) });
    expect((await login(hub, 'agent6')).status).toBe(200); // others are not affected
  });

  it('answers a malformed login body with 400', async () => {
    const res = await fetch(`${hub.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe('BAD_REQUEST');
  });

  it('gives lead and admin their roles', async () => {
    expect((await login(hub, 'lead1')).body.agent.role).toBe('lead');
    expect((await login(hub, 'admin')).body.agent.role).toBe('admin');
  });
});

describe('handshake', () => {
  it('refuses a missing token', async () => {
    const c = new TestClient(hub.url, {});
    const err = await c.connectError();
    expect(err.message).toMatch(/missing token/);
    c.close();
  });

  it('refuses a handshake with an unknown presence, saying why', async () => {
    const token = hub.issueToken('agent1').token;
    const c = new TestClient(hub.url, { token, status: 'asleep' });
    const err = await c.connectError();
    expect(err.message).toMatch(/invalid handshake: status/);
    c.close();
  });

  it('refuses a forged token (signed with another secret)', async () => {
    const forged = signToken('another-secret', {
      sub: 'admin',
      role: 'admin',
      name: 'x',
      exp: Math.floor(Date.now() / 1000) + 600,
    });
    const c = new TestClient(hub.url, { token: forged });
    const err = await c.connectError();
    expect(err.message).toMatch(/invalid token \(bad signature\)/);
    c.close();
  });

  it('refuses a token whose payload was tampered with (role escalation)', async () => {
    const good = (await login(hub, 'agent1')).body.token as string;
    const [h, p, s] = good.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    claims.role = 'admin';
    const c = new TestClient(hub.url, {
      token: `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`,
    });
    expect((await c.connectError()).message).toMatch(/bad signature/);
    c.close();
  });

  it('refuses alg=none tokens', async () => {
    const h = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const p = Buffer.from(
      JSON.stringify({ sub: 'admin', role: 'admin', exp: 9e9, iss: 'xiaoer-hub', aud: 'xiaoer-desk' }),
    ).toString('base64url');
    const c = new TestClient(hub.url, { token: `${h}.${p}.` });
    expect((await c.connectError()).message).toMatch(/invalid token/);
    c.close();
  });

  it('refuses an expired token with a clear message', async () => {
    const expired = signToken(SECRET, {
      sub: 'agent1',
      role: 'agent',
      name: '王小明',
      exp: Math.floor(Date.now() / 1000) - 5,
    });
    const c = new TestClient(hub.url, { token: expired });
    const err = await c.connectError();
    expect(err.message).toBe('token expired: log in again');
    expect(err.data).toMatchObject({ code: 'UNAUTHORIZED' });
    c.close();
  });

  it('disconnects a socket when its token expires', async () => {
    const short = await testHub({ tokenSecret: SECRET, kbSeedDir: false, tokenTtlMs: 2500 });
    try {
      const c = await connectAs(short, 'agent2');
      let reason = '';
      c.socket.on('disconnect', (r) => (reason = r));
      await until(() => reason !== '', 10_000, 'expiry disconnect');
      expect(reason).toBe('io server disconnect');
      expect(c.of('protocol:error').some((e) => /token expired/.test(e.message))).toBe(true);
      c.close();
    } finally {
      await short.close();
    }
  });
});

describe('per-event authorization and validation', () => {
  it('refuses conflict:resolve from an agent with FORBIDDEN', async () => {
    const c = await connectAs(hub, 'agent3');
    const r = await c.cmd('conflict:resolve', {
      conflictId: 'c1',
      idempotencyKey: 'k1',
      choice: 'a',
      note: '',
    });
    expect(r).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'agent may not call conflict:resolve' },
    });
    const r2 = await c.cmd('kb:publish', { idempotencyKey: 'k', upsert: [] });
    expect(!r2.ok && r2.error.code).toBe('FORBIDDEN');
    c.close();
  });

  it("refuses an agent replying to another agent's ticket", async () => {
    const owner = await connectAs(hub, 'agent8');
    const other = await connectAs(hub, 'agent4');
    // agent4 goes away so the ticket can only land on agent8
    await other.ok('agent:status', { status: 'away' });
    const gen = new TicketFactory(5, { media: false }).next(Date.now(), 'invoice');
    const { assignedTo } = await hub.core.escalate(gen.ticket);
    expect(assignedTo).toBe('agent8');
    const r = await other.cmd('ticket:reply', {
      ticketId: gen.ticket.id,
      clientMsgId: 'x1',
      body: { kind: 'text', text: '你好' },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    const r2 = await other.cmd('ticket:outcome', outcome({
      idempotencyKey: 'o1',
      ticketId: gen.ticket.id,
      agentId: 'agent8',
      intent: 'invoice',
    }));
    expect(!r2.ok && r2.error.code).toBe('FORBIDDEN');
    const r3 = await other.cmd('ticket:transfer', {
      ticketId: gen.ticket.id,
      idempotencyKey: 't',
      reason: 'x',
    });
    expect(!r3.ok && r3.error.code).toBe('FORBIDDEN');
    // the owner can
    const mine = await owner.ok('ticket:reply', {
      ticketId: gen.ticket.id,
      clientMsgId: 'x1',
      body: { kind: 'text', text: '您好，我来处理' },
    });
    expect(mine.duplicate).toBe(false);
    owner.close();
    other.close();
  });

  it('answers malformed payloads with BAD_REQUEST naming the field, and keeps serving', async () => {
    const bad = await connectAs(hub, 'agent5');
    const good = await connectAs(hub, 'agent6');
    const cases: Array<[string, unknown, RegExp]> = [
      [
        'ticket:reply',
        {
          ticketId: 't',
          clientMsgId: 'c',
          body: { kind: 'voice', url: 'x', durationSec: 1, transcript: '' },
        },
        /an agent may send text, image, product or coupon cards/,
      ],
      ['ticket:reply', { ticketId: 't' }, /invalid ticket:reply: clientMsgId/],
      ['session:resume', { lastSeq: -1 }, /lastSeq/],
      ['kb:pull', 'not an object', /invalid kb:pull/],
      ['agent:status', { status: 'sleeping' }, /status/],
      ['ticket:outcome', { idempotencyKey: 'k' }, /invalid ticket:outcome/],
    ];
    for (const [name, payload, msg] of cases) {
      const r = await bad.cmd(name as 'kb:pull', payload);
      expect(r.ok, name).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('BAD_REQUEST');
        expect(r.error.message).toMatch(msg);
        expect(r.error.issues?.length).toBeGreaterThan(0);
      }
    }
    const unknown = await bad.cmd('ticket:delete' as 'kb:pull', { ticketId: 'x' });
    expect(!unknown.ok && unknown.error).toEqual({
      code: 'UNKNOWN_METHOD',
      message: 'unknown event "ticket:delete"',
    });
    // garbage without an ack, huge junk, wrong types: nothing crashes
    bad.socket.emit('ticket:reply', { nonsense: true });
    bad.socket.emit('session:resume');
    (bad.socket as any).emit(42 as any, 'x');
    await sleep(50);
    const pulled = await good.ok('kb:pull', { sinceVersion: 0 });
    expect(pulled.version).toBeGreaterThanOrEqual(0);
    expect((await bad.ok('kb:pull', { sinceVersion: 0 })).version).toBe(pulled.version);
    bad.close();
    good.close();
  });

  it('exhaustive role matrix: every command is refused for roles not listed, deny by default', async () => {
    const { clientCommandSchemas } = await import('../../../src/shared/hub-protocol');
    const clients = {
      agent: await connectAs(hub, 'agent7'),
      lead: await connectAs(hub, 'lead1'),
      admin: await connectAs(hub, 'admin'),
    };
    for (const [name, spec] of Object.entries(clientCommandSchemas)) {
      for (const role of ['agent', 'lead', 'admin'] as const) {
        const r = await clients[role].cmd(name as 'kb:pull', {});
        const allowed = (spec.roles as readonly string[]).includes(role);
        if (allowed) expect(!r.ok && r.error.code === 'FORBIDDEN', `${role} ${name}`).toBe(false);
        else expect(!r.ok && r.error.code, `${role} ${name}`).toBe('FORBIDDEN');
      }
    }
    for (const c of Object.values(clients)) c.close();
  });
});
