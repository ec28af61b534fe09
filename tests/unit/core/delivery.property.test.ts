// Property tests of the two delivery halves under random faults:
// hub → workstation: events arrive shuffled and duplicated; the cursor applies each seq exactly once, in order.
// workstation → hub: acks are lost before or after the hub applies; every item is applied exactly once, in order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/database';
import { Outbox } from '../../../src/main/core/outbox/outbox';
import { OutboxSender } from '../../../src/main/core/outbox/outbox-sender';
import { SyncClient, type SyncCursor } from '../../../src/main/core/sync/sync-client';
import { fail, ok } from '../../../src/shared/result';

describe('replay protocol', () => {
  it('applies every seq exactly once and in order, whatever the arrival order and duplication', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.integer({ min: 1, max: n }), { maxLength: 3 * n }), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true }))),
        ),
        ([n, dups, noise]) => {
          const all = [...Array.from({ length: n }, (_, i) => i + 1), ...dups];
          const it = noise[Symbol.iterator]();
          const arrival = all.map((seq) => ({ seq, key: it.next().value as number })).sort((a, b) => a.key - b.key);
          const applied: number[] = [];
          let last = 0;
          const cursor: SyncCursor = { lastSeq: () => last, applyAtomically: (_n, e) => void (applied.push(e.seq), (last = e.seq)) };
          const client = new SyncClient({ hubUrl: 'http://127.0.0.1:1', token: 'x'.repeat(20), cursor });
          for (const { seq } of arrival) client.receive('kb:changed', { seq, version: seq });
          expect(applied).toEqual(Array.from({ length: n }, (_, i) => i + 1));
        },
      ),
      { numRuns: 300 },
    );
  });
});

type Fault = 'ack' | 'lost-before-apply' | 'lost-after-apply';

describe('outbox delivery', () => {
  it('applies each item exactly once, in order, when acks are lost at random', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.constantFrom<Fault>('ack', 'ack', 'lost-before-apply', 'lost-after-apply'), { minLength: 1, maxLength: 200 }),
        async (items, faults) => {
          const outbox = new Outbox(openDatabase(':memory:'));
          for (let i = 0; i < items; i++) outbox.enqueue('ticket:outcome', { i }, `key-${i}`, `t-${i}`);
          const hubApplied: string[] = [];
          let step = 0;
          const sender = new OutboxSender({
            outbox,
            isOnline: () => true,
            baseDelayMs: 0,
            maxDelayMs: 0,
            send: async (item) => {
              // The fault script runs out eventually: the link does come back.
              const fault = faults[step++] ?? 'ack';
              if (fault === 'lost-before-apply') return fail('UNAVAILABLE', 'link dropped');
              // The hub deduplicates by idempotency key, as the real one does with a unique constraint.
              if (!hubApplied.includes(item.idempotencyKey)) hubApplied.push(item.idempotencyKey);
              return fault === 'ack' ? ok({ duplicate: false }) : fail('UNAVAILABLE', 'ack lost');
            },
          });
          for (let round = 0; round < 10_000 && outbox.pendingCount() > 0; round++) {
            sender.kick();
            await new Promise((r) => setImmediate(r));
          }
          sender.stop();
          expect(outbox.pendingCount()).toBe(0);
          expect(hubApplied).toEqual(Array.from({ length: items }, (_, i) => `key-${i}`));
        },
      ),
      { numRuns: 100 },
    );
  });
});
