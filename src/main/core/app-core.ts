// The composition root of the workstation core: plain Node, no Electron. The Electron shell and the
// browser shell both create one of these and forward `router.dispatch` / `events` over their transport.
import { join } from 'node:path';
import { createApiRouter, type ApiHandlers, type ApiRouter } from './api/router';
import { createAssistFeature, type AssistFeature } from './assist/feature';
import { withAudit } from './audit/audit-handlers';
import { AuditLog } from './audit/audit-log';
import { FileKeyProvider } from './crypto/key-provider';
import { PiiCipher, type DataKey } from './crypto/pii-cipher';
import { openDatabase, type Db } from './db/database';
import { createConflictHandlers } from './conflicts/conflict-handlers';
import { ConflictStore } from './conflicts/conflict-store';
import { CoreEvents } from './events';
import { createKnowledgeHandlers } from './knowledge/api-handlers';
import { KnowledgeService } from './knowledge/index';
import { modelSpecFrom } from './knowledge/model';
import { createLogger, type Logger } from './log';
import { Outbox } from './outbox/outbox';
import { OutboxService } from './outbox/outbox-service';
import { Session } from './session/session';
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

export class XiaoerCore {
  readonly events = new CoreEvents();
  readonly router: ApiRouter;
  readonly tickets: TicketStore;
  readonly conflicts: ConflictStore;
  readonly session: Session;
  readonly outbox: OutboxService;
  readonly knowledge: KnowledgeService;
  readonly assist: AssistFeature;
  readonly audit: AuditLog;
  private readonly db: Db;
  private readonly log: Logger;

  constructor(readonly options: CoreOptions) {
    this.log = options.logger ?? createLogger('core');
    this.db = openDatabase(join(options.dataDir, 'xiaoer.db'));
    // The cipher self-tests SM4 first: a failing library stops start before any PII is written.
    const dataKeys = options.dataKeys ?? new FileKeyProvider(options.dataDir).loadKeysSync();
    this.tickets = new TicketStore(this.db, new PiiCipher(dataKeys));
    this.audit = new AuditLog(this.db);
    this.conflicts = new ConflictStore(this.db);
    const model = options.model === undefined ? process.env['XIAOER_MODEL'] : options.model;
    this.knowledge = new KnowledgeService(this.db, {
      model:
        model === null
          ? null
          : modelSpecFrom(model, join(options.dataDir, 'models'), process.env['XIAOER_MODEL_HOST']),
      onProgress: (p) => this.events.emit('kb.progress', p),
    });
    this.session = new Session({
      store: this.tickets,
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
            const notices = this.tickets.transaction(() => {
              const onConverted = this.assist.marketing.converted.bind(this.assist.marketing);
              const out = applyHubEvent(
                { tickets: this.tickets, conflicts: this.conflicts, onConverted },
                name,
                event,
              );
              this.tickets.setLastSeq(event.seq);
              return out;
            });
            for (const n of notices) this.events.emit(n.event, n.payload as never);
          },
        },
        onApplied: (name) => {
          if (name === 'kb:changed') this.syncKnowledge();
        },
        onProtocolError: (event, message) => this.log.warn({ event }, `hub protocol error: ${message}`),
      },
    });
    this.outbox = new OutboxService({
      outbox: new Outbox(this.db),
      sync: () => this.session.sync,
      onPendingChange: () => this.session.notify(),
      onConflictsChange: (conflicts) => this.events.emit('sync.conflicts', conflicts),
    });
    this.assist = createAssistFeature({
      db: this.db,
      tickets: this.tickets,
      session: this.session,
      events: this.events,
      outbox: this.outbox,
      knowledge: () => this.knowledge,
      embed: () => this.knowledge.readyEmbed(),
      log: this.log,
    });
    const handlers: ApiHandlers = withAudit(this.audit, () => this.session.agent?.id ?? null, {
      'app.info': () => ({
        version: options.version ?? '0.1.0',
        shell: options.shell,
        dataDir: options.dataDir,
      }),
      'session.state': () => this.session.state(),
      'session.login': ({ hubUrl, username, password }) => this.session.login(hubUrl, username, password),
      'session.logout': () => this.session.logout(),
      'session.setPresence': ({ presence }) => this.session.setPresence(presence),
      ...createTicketHandlers(this.tickets, this.session, this.events, this.outbox, (id) =>
        this.assist.eventsForOutcome(id),
      ),
      ...createCustomerHistoryHandler(this.db, this.tickets, this.session),
      ...createEarlierMessagesHandler(this.tickets, this.session),
      ...this.assist.handlers,
      ...createKnowledgeHandlers(this.knowledge, this.events),
      ...createConflictHandlers(this.conflicts, this.session, this.events, this.outbox),
      ...createTeamHandlers(this.session, this.outbox),
      'sync.conflicts': () => this.outbox.conflicts(),
      'sync.settle': ({ id, action }) => this.outbox.settle(id, action),
    });
    this.router = createApiRouter(handlers, (msg, err) => this.log.error({ err }, msg));
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
    this.outbox.stop();
    this.assist.stop();
    this.session.close();
    await this.knowledge.close();
    this.db.close();
  }
}
