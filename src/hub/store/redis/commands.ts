// Idempotent commands' stored answers: one small hash per (actor, command, key) with an expiry, so the
// answers do not pile up forever (the SQLite store keeps every one). The key must still be free when
// the unit commits, so two nodes answering the same command race to one stored answer. The expiry
// (COMMAND_ANSWER_TTL_MS) is far longer than any retry: a workstation retries its outbox on every
// reconnect, and an offline week is the longest the hub plans for; a reply retried after that is still
// deduplicated by its clientMsgId on the ticket. Answers stored before expiry existed (one hash field
// each in `cmd`) are still read and still block a second answer.
import type { RedisTx } from './unit';

/** How long an answer is kept by default: 7 days. */
export const COMMAND_ANSWER_TTL_MS = 7 * 24 * 3600 * 1000;

const field = (actorId: string, command: string, key: string) => `${actorId}\u0001${command}\u0001${key}`;

export class RedisCommandResults {
  constructor(
    private readonly tx: RedisTx,
    private readonly ttlMs = COMMAND_ANSWER_TTL_MS,
  ) {}

  async getCommandResult(actorId: string, command: string, key: string): Promise<unknown | undefined> {
    const f = field(actorId, command, key);
    const [v, legacy] = await Promise.all([
      this.tx.hget(this.tx.k.command(f), 'r'),
      this.tx.hget(this.tx.k.commands, f),
    ]);
    const stored = v ?? legacy;
    return stored === null ? undefined : (JSON.parse(stored) as unknown);
  }

  putCommandResult(actorId: string, command: string, key: string, result: unknown): Promise<void> {
    return this.tx.write(() => {
      const f = field(actorId, command, key);
      const k = this.tx.k.command(f);
      this.tx.requireAbsent(k);
      this.tx.requireFreeField(this.tx.k.commands, f);
      this.tx.hset(k, { r: JSON.stringify(result ?? null) });
      this.tx.pexpire(k, this.ttlMs);
    });
  }
}
