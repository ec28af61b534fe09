// Which local database belongs to whom. Every (hub, user) pair gets its own SQLite file under the
// data folder, so another user or another hub never sees a ticket, draft or queued close of this one,
// and what a user left unsynced waits in their file until they sign in again (docs/ARCHITECTURE.md,
// "Local data per sign-in"). This module only keeps the index (`workspaces.json`); it opens nothing.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { hubUrls } from '../../../shared/hub-address';

const EntrySchema = z.object({
  /** Path relative to the data folder. */
  file: z.string().min(1),
  /** null: not known yet (a database from before scoping, or one nobody has signed in to). */
  hubUrl: z.string().nullable(),
  agentId: z.string().nullable(),
  lastUsedAt: z.number(),
});
export type WorkspaceEntry = z.infer<typeof EntrySchema>;

const DirectorySchema = z.object({
  version: z.literal(1),
  /** The file opened at start: the last one signed in to (signed out or not). */
  current: z.string(),
  /** Remembered across sign-outs so the login form starts with it. */
  lastHubUrl: z.string().nullable(),
  entries: z.array(EntrySchema),
});
type Directory = z.infer<typeof DirectorySchema>;

/** The database every workstation had before scoping; it stays where it is as one entry. */
export const LEGACY_FILE = 'xiaoer.db';
const INDEX_FILE = 'workspaces.json';

function normaliseOne(hubUrl: string): string {
  try {
    const u = new URL(hubUrl);
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return hubUrl.replace(/\/+$/, '');
  }
}

/**
 * One spelling per hub, so `http://HOST:1/` and `http://host:1` are the same hub; a list of a cluster's
 * nodes (`http://a:1, http://b:2`) is one hub, spelt `http://a:1,http://b:2`.
 */
export function normaliseHubUrl(hubUrl: string): string {
  return hubUrls(hubUrl).map(normaliseOne).join(',');
}

/** Readable for whoever looks in the folder (the first node's host), unique by the hash. */
function fileFor(hubUrl: string, agentId: string): string {
  const readable = `${new URL(hubUrls(hubUrl)[0]!).host}-${agentId}`
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 60);
  const hash = createHash('sha256').update(`${hubUrl}\n${agentId}`).digest('hex').slice(0, 10);
  return join('workspaces', `${readable}-${hash}.db`);
}

export class WorkspaceDirectory {
  private dir: Directory;

  constructor(private readonly dataDir: string) {
    this.dir = this.load();
  }

  get current(): WorkspaceEntry {
    return this.entry(this.dir.current)!;
  }

  get lastHubUrl(): string | null {
    return this.dir.lastHubUrl;
  }

  path(entry: WorkspaceEntry): string {
    return join(this.dataDir, entry.file);
  }

  /**
   * The file for a sign-in: this (hub, user)'s own; else a file of that user whose hub is not known
   * yet (from before scoping); else the current file if nobody owns it and `claimable` says its
   * contents are free to take (no offline import for someone else); else a new file.
   */
  resolve(hubUrl: string, agentId: string, currentClaimable: boolean): WorkspaceEntry {
    const hub = normaliseHubUrl(hubUrl);
    const own =
      this.dir.entries.find((e) => e.hubUrl === hub && e.agentId === agentId) ??
      this.dir.entries.find((e) => e.hubUrl === null && e.agentId === agentId);
    const current = this.current;
    const target =
      own ??
      (current.agentId === null && currentClaimable ? current : null) ??
      this.add({ file: fileFor(hub, agentId), hubUrl: hub, agentId, lastUsedAt: 0 });
    target.hubUrl = hub;
    target.agentId = agentId;
    target.lastUsedAt = Date.now();
    this.dir.current = target.file;
    this.dir.lastHubUrl = hub;
    this.save();
    return target;
  }

  /** Forgets a file after it was deleted and starts an unowned one for whoever signs in next. */
  forget(entry: WorkspaceEntry): WorkspaceEntry {
    this.dir.entries = this.dir.entries.filter((e) => e.file !== entry.file);
    const fresh = this.add({
      file: join('workspaces', `unclaimed-${Date.now().toString(36)}.db`),
      hubUrl: null,
      agentId: null,
      lastUsedAt: Date.now(),
    });
    this.dir.current = fresh.file;
    this.save();
    return fresh;
  }

  private entry(file: string): WorkspaceEntry | undefined {
    return this.dir.entries.find((e) => e.file === file);
  }

  private add(entry: WorkspaceEntry): WorkspaceEntry {
    this.dir.entries.push(entry);
    return entry;
  }

  private load(): Directory {
    const index = join(this.dataDir, INDEX_FILE);
    if (existsSync(index)) {
      const parsed = DirectorySchema.safeParse(JSON.parse(readFileSync(index, 'utf8')));
      if (parsed.success && parsed.data.entries.some((e) => e.file === parsed.data.current))
        return parsed.data;
      // A damaged index must not hand one user's file to another: keep it aside and rebuild from the
      // legacy file only; the other files stay on disk untouched.
      renameSync(index, `${index}.damaged-${Date.now()}`);
    }
    const legacy = migrateLegacy(join(this.dataDir, LEGACY_FILE));
    this.dir = { version: 1, current: LEGACY_FILE, lastHubUrl: legacy.hubUrl, entries: [legacy] };
    this.save();
    return this.dir;
  }

  private save(): void {
    mkdirSync(this.dataDir, { recursive: true });
    const index = join(this.dataDir, INDEX_FILE);
    writeFileSync(`${index}.tmp`, JSON.stringify(this.dir, null, 2), { mode: 0o600 });
    renameSync(`${index}.tmp`, index);
  }
}

/**
 * The one database of a workstation from before scoping becomes the entry of whoever it belonged to:
 * the stored sign-in names hub and user; signed out, the user its tickets were assigned to (hub
 * unknown: their next sign-in anywhere takes it); an empty or unknown one is free for the next sign-in.
 */
function migrateLegacy(file: string): WorkspaceEntry {
  const entry: WorkspaceEntry = { file: LEGACY_FILE, hubUrl: null, agentId: null, lastUsedAt: Date.now() };
  if (!existsSync(file)) return entry;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const state = (key: string): string | undefined =>
      (db!.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined)
        ?.value;
    const session = state('session');
    if (session) {
      const stored = JSON.parse(session) as { hubUrl?: string; agent?: { id?: string } };
      if (stored.hubUrl && stored.agent?.id)
        return { ...entry, hubUrl: normaliseHubUrl(stored.hubUrl), agentId: stored.agent.id };
    }
    const holder = db
      .prepare(
        `SELECT json_extract(data, '$.assignedTo') AS agent, COUNT(*) AS n FROM tickets
         WHERE json_extract(data, '$.assignedTo') IS NOT NULL GROUP BY agent ORDER BY n DESC LIMIT 1`,
      )
      .get() as { agent: string } | undefined;
    const agentId = holder?.agent ?? state('offline_agent') ?? null;
    return { ...entry, agentId };
  } catch {
    // No tables yet (or not ours to read): nothing to attribute.
    return entry;
  } finally {
    db?.close();
  }
}

/** Removes a workspace's database with its WAL and shared-memory files. */
export function deleteDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
