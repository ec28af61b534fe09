// The composition root of the workstation core: plain Node, no Electron. The Electron shell and the
// browser shell both create one of these and forward `router.dispatch` / `events` over their transport.
import { join } from 'node:path';
import type { SessionState } from '../../shared/api';
import { hubOriginOf } from '../../shared/media-url';
import { coreText } from '../../shared/core-texts';
import { ApiError, createApiRouter, type ApiHandlers, type ApiRouter } from './api/router';
import { createAssistFeature, type AssistFeature } from './assist/feature';
import { withAudit } from './audit/audit-handlers';
import { AuditLog } from './audit/audit-log';
import { UploadStore } from './bridge/uploads';
import { FileKeyProvider } from './crypto/key-provider';
import { PiiCipher, type DataKey } from './crypto/pii-cipher';
import { withRelaxedSync, type Db } from './db/database';
import { openDatabaseSafely } from './db/recovery';
import { createRecoveryHandlers, restoreSalvagedOutbox } from './db/recovery-handlers';
import { createConflictHandlers } from './conflicts/conflict-handlers';
import { ConflictStore } from './conflicts/conflict-store';
import { CoreEvents } from './events';
import { createKnowledgeHandlers } from './knowledge/api-handlers';
import { KnowledgeService } from './knowledge/index';
import { modelSpecFrom } from './knowledge/model';
import { createLogger, type Logger } from './log';
import { Outbox } from './outbox/outbox';
import { perfTrace, ticketKeyOf } from './perf-trace';
import { OutboxService } from './outbox/outbox-service';
import { Session } from './session/session';
import { deleteDatabaseFiles, WorkspaceDirectory, type WorkspaceEntry } from './session/workspace-directory';
import { createTeamHandlers } from './team/team-handlers';
import { applyHubEvent } from './tickets/apply-hub-event';
import { createCustomerHistoryHandler } from './tickets/customer-history';
import { createEarlierMessagesHandler } from './tickets/earlier-messages';
import { createTicketHandlers } from './tickets/ticket-handlers';
import { TicketStore } from './tickets/ticket-store';

export interface CoreOptions {
  /** Folder holding the workstation database, models cache and logs. */
  dataDir: string;
  shell: 'electron' | 'browser';
  version?: string;
  logger?: Logger;
  /** Embedding model: a folder or a model id; default the shipped model. null = keyword search only. */
  model?: string | null;
  /** PII data keys from the shell's KeyProvider (Electron: safeStorage); default: the key file in dataDir. */
  dataKeys?: DataKey[];
}

/** Everything that lives in one (hub, user)'s database; replaced when someone else signs in. */
interface Workspace {
  entry: WorkspaceEntry;
  db: Db;
  tickets: TicketStore;
  conflicts: ConflictStore;
  outbox: OutboxService;
  knowledge: KnowledgeService;
  assist: AssistFeature;
  audit: AuditLog;
  router: ApiRouter;
}

export class XiaoerCore {
  readonly events = new CoreEvents();
  readonly router: ApiRouter;
  readonly session: Session;
  private readonly directory: WorkspaceDirectory;
  private readonly dataKeys: DataKey[];
  private ws: Workspace;
  /** Files streamed in by the browser shell's upload endpoint, named by id in API calls. */
  readonly uploads: UploadStore;
  private readonly log: Logger;

  constructor(readonly options: CoreOptions) {
    this.log = options.logger ?? createLogger('core');
    this.uploads = new UploadStore(join(options.dataDir, 'uploads'));
    // The cipher self-tests SM4 first: a failing library stops start before any PII is written.
    this.dataKeys = options.dataKeys ?? new FileKeyProvider(options.dataDir).loadKeysSync();
    this.directory = new WorkspaceDirectory(options.dataDir);
    this.session = new Session({
      store: () => this.ws.tickets,
      enterScope: (hubUrl, agent) => this.enterScope(hubUrl, agent.id),
      lastHubUrl: () => this.directory.lastHubUrl,
      onChange: (state) => this.events.emit('session.changed', state),
      outboxPending: () => this.outbox.pendingCount(),
      onOnline: () => {
        this.outbox.flush();
        this.syncKnowledge();
      },
      syncOptions: {
        cursor: {
          lastSeq: () => this.tickets.lastSeq(),
          applyAtomically: (name, event) => {
            // Replayable from the hub (seq cursor in the same transaction): no fsync on the way to the screen.
            const notices = withRelaxedSync(this.ws.db, () =>
              this.tickets.transaction(() => {
                const onConverted = this.assist.marketing.converted.bind(this.assist.marketing);
                const out = applyHubEvent(
                  {
                    tickets: this.tickets,
                    conflicts: this.conflicts,
                    onConverted,
                    hubOrigin: hubOriginOf(this.session.hubUrl),
                  },
                  name,
                  event,
                );
                this.tickets.setLastSeq(event.seq);
                return out;
              }),
            );
            if (perfTrace.enabled) perfTrace.mark(ticketKeyOf(event), `core.stored:${name}`);
            for (const n of notices) this.events.emit(n.event, n.payload as never);
          },
        },
        onApplied: (name) => {
          if (name === 'kb:changed') this.syncKnowledge();
        },
        onProtocolError: (event, message) => this.log.warn({ event }, `hub protocol error: ${message}`),
      },
    });
    this.ws = this.openWorkspace(this.directory.current);
    this.session.reload();
    // Every call goes to the workspace of whoever is signed in now. A call means the agent is working:
    // background suggestion work waits for a pause (assist/scheduler.ts) — except the renderer
    // fetching conversations ahead in idle time, which is not the agent doing anything.
    this.router = {
      dispatch: (method, input) => {
        if (!isFetchAhead(method, input)) this.ws.assist.scheduler.noteActivity();
        return this.ws.router.dispatch(method, input);
      },
    };
  }

  get tickets(): TicketStore {
    return this.ws.tickets;
  }
  get conflicts(): ConflictStore {
    return this.ws.conflicts;
  }
  get outbox(): OutboxService {
    return this.ws.outbox;
  }
  get knowledge(): KnowledgeService {
    return this.ws.knowledge;
  }
  get assist(): AssistFeature {
    return this.ws.assist;
  }
  get audit(): AuditLog {
    return this.ws.audit;
  }

  private openWorkspace(entry: WorkspaceEntry): Workspace {
    const options = this.options;
    // A damaged file is moved aside and started afresh (tickets and knowledge come back from the hub);
    // its unsynced outbox is read back if it still can be, and put in again.
    const opened = openDatabaseSafely(this.directory.path(entry), { salvageTables: ['outbox'] });
    const db = opened.db;
    const tickets = new TicketStore(db, new PiiCipher(this.dataKeys));
    const audit = new AuditLog(db);
    const conflicts = new ConflictStore(db);
    const model = options.model === undefined ? process.env['XIAOER_MODEL'] : options.model;
    const knowledge = new KnowledgeService(db, {
      model:
        model === null
          ? null
          : modelSpecFrom(model, join(options.dataDir, 'models'), process.env['XIAOER_MODEL_HOST']),
      onProgress: (p) => this.events.emit('kb.progress', p),
    });
    const outbox = new OutboxService({
      outbox: new Outbox(db),
      sync: () => (this.ws?.db === db ? this.session.sync : null),
      onPendingChange: () => this.session.notify(),
      onConflictsChange: (list) => this.events.emit('sync.conflicts', list),
    });
    restoreSalvagedOutbox(db, opened.recovery, this.log);
    const assist = createAssistFeature({
      db,
      tickets,
      session: this.session,
      events: this.events,
      outbox,
      knowledge: () => knowledge,
      embed: () => knowledge.readyEmbed(),
      embedBackground: () => knowledge.readyEmbed('background'),
      log: this.log,
    });
    const handlers: ApiHandlers = withAudit(
      () => this.ws.audit,
      () => this.session.agent?.id ?? null,
      {
        'app.info': () => ({
          version: options.version ?? '0.1.0',
          shell: options.shell,
          dataDir: options.dataDir,
        }),
        ...createRecoveryHandlers(db),
        'session.state': () => this.session.state(),
        'session.login': ({ hubUrl, username, password }) => this.session.login(hubUrl, username, password),
        'session.logout': ({ clear }) => (clear ? this.logoutAndClear() : this.session.logout()),
        'session.setPresence': ({ presence }) => this.session.setPresence(presence),
        ...createTicketHandlers(
          tickets,
          this.session,
          this.events,
          outbox,
          (id) => assist.eventsForOutcome(id),
          (ref) => this.uploads.read(ref),
        ),
        ...createCustomerHistoryHandler(db, tickets, this.session),
        ...createEarlierMessagesHandler(tickets, this.session),
        ...assist.handlers,
        ...createKnowledgeHandlers(knowledge, this.events, this.uploads),
        ...createConflictHandlers(conflicts, this.session, this.events, outbox),
        ...createTeamHandlers(this.session, outbox),
        'sync.conflicts': () => outbox.conflicts(),
        'sync.settle': ({ id, action }) => outbox.settle(id, action),
      },
    );
    const router = createApiRouter(handlers, (msg, err) => this.log.error({ err }, msg));
    return { entry, db, tickets, conflicts, outbox, knowledge, assist, audit, router };
  }

  /**
   * Signing in as (hub, user): their own database, opened instead of the current one when it is
   * someone else's. The previous user's unsynced work stays queued in their file until they return.
   */
  private async enterScope(hubUrl: string, agentId: string): Promise<void> {
    const current = this.ws.entry;
    // An unowned database may be taken over, unless it holds an offline import for someone else.
    const offlineFor = this.ws.tickets.getState('offline_agent');
    const target = this.directory.resolve(hubUrl, agentId, !offlineFor || offlineFor === agentId);
    if (target.file === current.file) return;
    this.log.info({ from: current.file, to: target.file }, 'switching to the signed-in user’s local data');
    await this.closeWorkspace();
    this.ws = this.openWorkspace(target);
    this.session.reload();
  }

  /** Signs out and deletes this (hub, user)'s local data; refused while anything would be lost. */
  private async logoutAndClear(): Promise<SessionState> {
    const unsynced = this.unsyncedWork();
    if (unsynced)
      throw new ApiError(
        'CONFLICT',
        `not cleared: ${describeUnsynced(unsynced)} — stay signed in until it has synced (or settle the sync conflicts), or sign out without clearing`,
        coreText('session.unsynced', unsynced),
      );
    const entry = this.ws.entry;
    this.session.logout();
    await this.closeWorkspace();
    deleteDatabaseFiles(this.directory.path(entry));
    this.ws = this.openWorkspace(this.directory.forget(entry));
    this.session.reload();
    this.session.notify();
    return this.session.state();
  }

  /** What clearing would throw away; null when nothing. */
  private unsyncedWork(): Unsynced | null {
    const work = {
      pending: this.ws.outbox.pendingCount(),
      conflicts: this.ws.outbox.conflicts().length,
      drafts: this.ws.tickets.draftCount(),
    };
    return work.pending || work.conflicts || work.drafts ? work : null;
  }

  private async closeWorkspace(): Promise<void> {
    this.session.close();
    const ws = this.ws;
    ws.outbox.stop();
    ws.assist.stop();
    await ws.knowledge.close();
    ws.db.close();
  }

  /** Reconnects a session that survived a restart; call once the shell is ready to forward events. */
  start(): void {
    this.session.resumeStored();
  }

  /** Pulls knowledge changes since the stored version; offline, the cached knowledge keeps serving. */
  private syncKnowledge(): void {
    const sync = this.session.sync;
    if (!sync) return;
    this.knowledge
      .syncFrom(async (sinceVersion, after) => {
        // A big knowledge base comes in many pages; the hub paces them (RATE_LIMITED + retryAfterMs).
        for (let attempt = 0; ; attempt++) {
          const result = await sync.command('kb:pull', { sinceVersion, ...(after ? { after } : {}) });
          if (result.ok) return result.data;
          if (result.error.code !== 'RATE_LIMITED' || attempt >= 100) throw new Error(result.error.message);
          await new Promise((resolve) => setTimeout(resolve, result.error.retryAfterMs ?? 1000));
        }
      })
      .catch((err: unknown) =>
        this.log.warn({ err }, 'knowledge sync failed; the cached knowledge base keeps serving'),
      );
  }

  /** Stops syncing first, lets the embedding worker finish, then closes the database. */
  async close(): Promise<void> {
    await this.closeWorkspace();
    this.uploads.close();
  }
}

interface Unsynced {
  pending: number;
  conflicts: number;
  drafts: number;
}

/** The refusal in words, for the log and the command line (the renderer words the code). */
function describeUnsynced(u: Unsynced): string {
  return [
    u.pending ? `${u.pending} change(s) not yet delivered to the hub` : '',
    u.conflicts ? `${u.conflicts} sync conflict(s)` : '',
    u.drafts ? `${u.drafts} unsent draft(s)` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function isFetchAhead(method: unknown, input: unknown): boolean {
  return method === 'tickets.get' && (input as { ahead?: unknown } | null)?.ahead === true;
}
