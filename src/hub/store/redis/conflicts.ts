// Conflicts: one hash of documents, a dedup hash (rule + actions → id; must still be free at commit),
// and index sets by status and by ticket.
import type { Conflict } from '../../../shared/domain';
import type { RedisTx } from './unit';

export class RedisConflicts {
  constructor(private readonly tx: RedisTx) {}
  private get k() {
    return this.tx.k;
  }

  insertConflict(c: Conflict, dedupKey: string): Promise<boolean> {
    return this.tx.write(async () => {
      if ((await this.tx.hget(this.k.conflictDedup, dedupKey)) !== null) return false;
      this.tx.requireFreeField(this.k.conflictDedup, dedupKey);
      this.tx.hset(this.k.conflictDedup, { [dedupKey]: c.id });
      this.tx.hset(this.k.conflicts, { [c.id]: JSON.stringify(c) });
      this.tx.sadd(this.k.conflictsByStatus(c.status), c.id);
      this.tx.sadd(this.k.conflictsOf(c.ticketId), c.id);
      return true;
    });
  }

  async getConflict(id: string): Promise<Conflict | undefined> {
    const v = await this.tx.hget(this.k.conflicts, id);
    return v ? (JSON.parse(v) as Conflict) : undefined;
  }

  updateConflict(c: Conflict): Promise<void> {
    return this.tx.write(async () => {
      const before = await this.getConflict(c.id);
      if (!before) return;
      if (before.status !== c.status) {
        this.tx.srem(this.k.conflictsByStatus(before.status), c.id);
        this.tx.sadd(this.k.conflictsByStatus(c.status), c.id);
      }
      this.tx.hset(this.k.conflicts, { [c.id]: JSON.stringify(c) });
    });
  }

  async listConflicts(filter: { status?: 'open' | 'resolved'; ticketId?: string }): Promise<Conflict[]> {
    let ids: string[];
    if (filter.ticketId) ids = await this.tx.smembers(this.k.conflictsOf(filter.ticketId));
    else if (filter.status) ids = await this.tx.smembers(this.k.conflictsByStatus(filter.status));
    else
      ids = [
        ...(await this.tx.smembers(this.k.conflictsByStatus('open'))),
        ...(await this.tx.smembers(this.k.conflictsByStatus('resolved'))),
      ];
    const docs = await this.tx.hmget(this.k.conflicts, ids);
    return docs
      .filter((d): d is string => d !== null)
      .map((d) => JSON.parse(d) as Conflict)
      .filter(
        (c) =>
          (!filter.status || c.status === filter.status) &&
          (!filter.ticketId || c.ticketId === filter.ticketId),
      )
      .sort((a, b) => a.raisedAt - b.raisedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
