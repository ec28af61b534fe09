// Users (JSON per id), the username index, and each agent's capacity in its own hash so the commit
// script can check load against it.
import type { UserAccessChange, UserRecord } from '../types';
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
      // createdAt is kept from the first insert, and disabled changes only through setUserAccess,
      // like the SQL upsert
      const { disabled: _disabled, ...fields } = u;
      const stored: UserRecord = before
        ? { ...fields, createdAt: before.createdAt, disabled: before.disabled ?? false }
        : { ...fields, disabled: false };
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

  /** Changes role and/or disabled (fields left out stay); undefined when there is no such user. */
  async setUserAccess(id: string, change: UserAccessChange): Promise<UserRecord | undefined> {
    return this.tx.write(async () => {
      const before = await this.getUser(id);
      if (!before) return undefined;
      const after: UserRecord = {
        ...before,
        ...(change.role ? { role: change.role } : {}),
        ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
      };
      this.tx.hset(this.k.users, { [id]: JSON.stringify(after) });
      return after;
    });
  }
}
