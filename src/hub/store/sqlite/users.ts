// users: accounts with their skills and capacity (routing inputs) and password hash.
import type Database from 'better-sqlite3';
import type { Intent } from '../../../shared/domain';
import type { UserRecord } from '../types';

export class SqliteUsers {
  private readonly st;

  constructor(db: Database.Database) {
    this.st = {
      upsert: db.prepare(
        `INSERT INTO users (id, username, name, role, skills, capacity, password_hash, created_at)
         VALUES (@id, @username, @name, @role, @skills, @capacity, @passwordHash, @createdAt)
         ON CONFLICT(id) DO UPDATE SET username=excluded.username, name=excluded.name, role=excluded.role,
           skills=excluded.skills, capacity=excluded.capacity, password_hash=excluded.password_hash`,
      ),
      get: db.prepare('SELECT * FROM users WHERE id = ?'),
      getByName: db.prepare('SELECT * FROM users WHERE username = ?'),
      list: db.prepare('SELECT * FROM users ORDER BY id'),
    };
  }

  async upsertUser(u: UserRecord): Promise<void> {
    this.st.upsert.run({ ...u, skills: JSON.stringify(u.skills) });
  }
  async getUser(id: string) {
    return toUser(this.st.get.get(id));
  }
  async getUserByUsername(username: string) {
    return toUser(this.st.getByName.get(username));
  }
  async listUsers() {
    return (this.st.list.all() as unknown[]).map((r) => toUser(r)!);
  }
}

function toUser(row: unknown): UserRecord | undefined {
  if (!row) return undefined;
  const r = row as Record<string, unknown>;
  return {
    id: r.id as string,
    username: r.username as string,
    name: r.name as string,
    role: r.role as UserRecord['role'],
    skills: JSON.parse(r.skills as string) as Intent[],
    capacity: r.capacity as number,
    passwordHash: (r.password_hash as string | null) ?? null,
    createdAt: r.created_at as number,
  };
}
