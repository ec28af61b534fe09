// Idempotent commands' stored answers: one hash field per (actor, command, key). The field must still
// be free when the unit commits, so two nodes answering the same command race to one stored answer.
import type { RedisTx } from './unit';

const field = (actorId: string, command: string, key: string) => `${actorId}\u0001${command}\u0001${key}`;

export class RedisCommandResults {
  constructor(private readonly tx: RedisTx) {}

  async getCommandResult(actorId: string, command: string, key: string): Promise<unknown | undefined> {
    const v = await this.tx.hget(this.tx.k.commands, field(actorId, command, key));
    return v === null ? undefined : (JSON.parse(v) as unknown);
  }

  putCommandResult(actorId: string, command: string, key: string, result: unknown): Promise<void> {
    return this.tx.write(() => {
      const f = field(actorId, command, key);
      this.tx.requireFreeField(this.tx.k.commands, f);
      this.tx.hset(this.tx.k.commands, { [f]: JSON.stringify(result ?? null) });
    });
  }
}
