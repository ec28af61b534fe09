// Users (JSON per id), the username index, and each agent's capacity in its own hash so the commit
// script can check load against it.
import type { UserRecord } from '../types';
import type { RedisTx } from './unit';

export class RedisUsers {
  constructor(private readonly tx: RedisTx) {}
  private get k() {
    return this.tx.k;
  }

  upsertUser(u: UserRecord): Promise<void> {
    return this.tx.write(async () => {
      const before = await this.getUser(u.id);
      if (before && before.username !== u.username) this.tx.hdel(this.k.usernames, before.username);
      // createdAt is kept from the first insert, like the SQL upsert
      const stored = before ? { ...u, createdAt: before.createdAt } : u;
      this.tx.hset(this.k.users, { [u.id]: JSON.stringify(stored) });
      this.tx.hset(this.k.usernames, { [u.username]: u.id });
      this.tx.hset(this.k.capacity, { [u.id]: String(u.capacity) });
    });
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const v = await this.tx.hget(this.k.users, id);
    return v ? (JSON.parse(v) as UserRecord) : undefined;
  }

  async getUserByUsername(username: string): Promise<UserRecord | undefined> {
    const id = await this.tx.hget(this.k.usernames, username);
    return id ? this.getUser(id) : undefined;
  }

  async listUsers(): Promise<UserRecord[]> {
    const all = (await this.tx.hgetall(this.k.users)) ?? {};
    return Object.values(all)
      .map((v) => JSON.parse(v) as UserRecord)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
