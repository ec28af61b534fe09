import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/database';
import { Outbox } from '../../../src/main/core/outbox/outbox';
import { OutboxSender, backoffDelay } from '../../../src/main/core/outbox/outbox-sender';
import { fail, ok, type Result } from '../../../src/shared/result';

const flush = () => new Promise((r) => setTimeout(r, 5));

describe('Outbox', () => {
  it('delivers in order and removes a row only on acknowledgement', async () => {
    const outbox = new Outbox(openDatabase(':memory:'));
    outbox.enqueue('ticket:reply', { n: 1 }, 'k1', 't1');
    outbox.enqueue('ticket:reply', { n: 2 }, 'k2', 't1');
    outbox.enqueue('ticket:reply', { n: 1 }, 'k1', 't1'); // same key: ignored
    const sent: unknown[] = [];
    const sender = new OutboxSender({ outbox, isOnline: () => true, send: async (i) => (sent.push(i.payload), ok({})) });
    sender.kick();
    await flush();
    expect(sent).toEqual([{ n: 1 }, { n: 2 }]);
    expect(outbox.pendingCount()).toBe(0);
  });

  it('keeps an item after a transient failure and backs off', async () => {
    const outbox = new Outbox(openDatabase(':memory:'));
    outbox.enqueue('ticket:outcome', { x: 1 }, 'k1', 't1');
    let answer: Result<unknown> = fail('UNAVAILABLE', 'ack timeout');
    const sender = new OutboxSender({ outbox, isOnline: () => true, send: async () => answer, baseDelayMs: 20, random: () => 0 });
    sender.kick();
    await flush();
    expect(outbox.pendingCount()).toBe(1);
    expect(outbox.head()).toMatchObject({ attempts: 1, lastError: 'ack timeout' });
    answer = ok({});
    await new Promise((r) => setTimeout(r, 40));
    expect(outbox.pendingCount()).toBe(0);
    sender.stop();
  });

  it("keeps a rate-limited item and waits the hub's retry-after, not a growing backoff", async () => {
    const outbox = new Outbox(openDatabase(':memory:'));
    outbox.enqueue('ticket:reply', { n: 1 }, 'k1', 't1');
    let answer: Result<unknown> = { ok: false, error: { code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 30 } };
    const sender = new OutboxSender({ outbox, isOnline: () => true, send: async () => answer, baseDelayMs: 60_000, random: () => 0 });
    sender.kick();
    await flush();
    expect(outbox.pendingCount()).toBe(1);
    expect(outbox.rejected()).toHaveLength(0);
    expect(outbox.head()!.nextAttemptAt - Date.now()).toBeLessThanOrEqual(30);
    answer = ok({});
    await new Promise((r) => setTimeout(r, 80));
    expect(outbox.pendingCount()).toBe(0);
    sender.stop();
  });

  it('sets a refused item aside as a conflict and goes on with the rest', async () => {
    const outbox = new Outbox(openDatabase(':memory:'));
    outbox.enqueue('ticket:reply', { n: 1 }, 'k1', 't1');
    outbox.enqueue('ticket:reply', { n: 2 }, 'k2', 't2');
    const sender = new OutboxSender({
      outbox,
      isOnline: () => true,
      send: async (i) => ((i.payload as { n: number }).n === 1 ? fail('FORBIDDEN', 'ticket reassigned') : ok({})),
    });
    sender.kick();
    await flush();
    expect(outbox.pendingCount()).toBe(0);
    expect(outbox.rejected()).toMatchObject([{ idempotencyKey: 'k1', lastError: 'FORBIDDEN: ticket reassigned' }]);
    outbox.retry(outbox.rejected()[0]!.id);
    expect(outbox.head()).toMatchObject({ idempotencyKey: 'k1', state: 'pending' });
  });

  it('backoff grows exponentially, is capped, and keeps at least half the step', () => {
    expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffDelay(30, 500, 30_000, () => 1)).toBe(30_000);
  });
});
