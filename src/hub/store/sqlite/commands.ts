// Idempotent commands: the stored answer per (actor, command, key); the primary key makes a second
// insert of the same command fail rather than silently overwrite the first answer.
import type Database from 'better-sqlite3';

export class SqliteCommandResults {
  private readonly st;

  constructor(db: Database.Database) {
    this.st = {
      get: db.prepare('SELECT result FROM commands WHERE actor_id = ? AND command = ? AND key = ?'),
      put: db.prepare('INSERT INTO commands (actor_id, command, key, result, at) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  async getCommandResult(actorId: string, command: string, key: string): Promise<unknown | undefined> {
    const row = this.st.get.get(actorId, command, key) as { result: string } | undefined;
    return row ? (JSON.parse(row.result) as unknown) : undefined;
  }
  async putCommandResult(
    actorId: string,
    command: string,
    key: string,
    result: unknown,
    at: number,
  ): Promise<void> {
    this.st.put.run(actorId, command, key, JSON.stringify(result), at);
  }
}
