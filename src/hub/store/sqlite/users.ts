// users: accounts with their skills and capacity (routing inputs) and password hash.
import type Database from 'better-sqlite3';
import type { Intent } from '../../../shared/domain';
import type { UserAccessChange, UserRecord } from '../types';

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
      setAccess: db.prepare(
        `UPDATE users SET role = COALESCE(@role, role), disabled = COALESCE(@disabled, disabled) WHERE id = @id`,
      ),
    };
  }

  async upsertUser(u: UserRecord): Promise<void> {
    const { disabled: _disabled, ...row } = u; // disabled changes only through setUserAccess
    this.st.upsert.run({ ...row, skills: JSON.stringify(u.skills) });
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
  async setUserAccess(id: string, change: UserAccessChange) {
    this.st.setAccess.run({
      id,
      role: change.role ?? null,
      disabled: change.disabled === undefined ? null : change.disabled ? 1 : 0,
    });
    return this.getUser(id);
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
    disabled: r.disabled === 1,
  };
}
