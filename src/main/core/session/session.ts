// Signing in to a hub and keeping the connection: login over HTTP, then a SyncClient for the socket.
// The token and agent are kept in the sync state so a restarted workstation reconnects and resumes by
// itself (no re-login after a crash while the token is valid).
import {
  AgentPresenceSchema,
  LoginResponseSchema,
  type AgentPresence,
  type LoginResponse,
} from '../../../shared/hub-protocol';
import type { SessionState } from '../../../shared/api';
import type { AgentProfile } from '../../../shared/domain';
import { ApiError } from '../api/router';
import { hubUrls } from '../../../shared/hub-address';
import { SyncClient, type SyncClientOptions, type SyncPhase } from '../sync/sync-client';
import type { TicketStore } from '../tickets/ticket-store';
import { normaliseHubUrl } from './workspace-directory';

interface StoredSession {
  hubUrl: string;
  token: string;
  expiresAt: number;
  agent: AgentProfile;
}

export interface SessionDeps {
  /** The signed-in (hub, user)'s own store; it changes when someone else signs in (app-core.ts). */
  store: () => TicketStore;
  /**
   * Called after the hub accepted a sign-in and before anything is stored: switches to the local
   * database of that (hub, user), so nothing of another sign-in is visible to this one.
   */
  enterScope?: (hubUrl: string, agent: AgentProfile) => Promise<void>;
  /** The hub last signed in to, kept across sign-outs for the login form. */
  lastHubUrl?: () => string | null;
  onChange: (state: SessionState) => void;
  /** Everything the sync client needs besides the connection details. */
  syncOptions: Omit<SyncClientOptions, 'hubUrl' | 'token' | 'onPhase'>;
  outboxPending: () => number;
  /** Called once per connection, when the hub has replayed what was missed (knowledge pull, outbox flush …). */
  onOnline?: (client: SyncClient) => void;
}

export class Session {
  private client: SyncClient | null = null;
  private stored: StoredSession | null = null;
  private phase: SessionState['phase'] = 'signed_out';
  private lastError: string | null = null;

  /** Call reload() once the store exists (the core opens the workspace after creating the session). */
  constructor(private readonly deps: SessionDeps) {}

  /** Reads the sign-in kept in the current store (after start, or after the store was switched). */
  reload(): void {
    this.client?.disconnect();
    this.client = null;
    this.stored = null;
    this.phase = 'signed_out';
    const raw = this.deps.store().getState('session');
    if (raw) {
      const parsed = JSON.parse(raw) as StoredSession;
      if (parsed.expiresAt > Date.now()) this.stored = parsed;
    }
  }

  /** Taking tickets, on a break or busy; kept on this machine and told to the hub in every handshake. */
  get presence(): AgentPresence {
    const parsed = AgentPresenceSchema.safeParse(this.deps.store().getState('presence'));
    return parsed.success ? parsed.data : 'online';
  }

  /** Online: the hub stops (or resumes) routing at once. Offline: applies with the next connection. */
  async setPresence(presence: AgentPresence): Promise<SessionState> {
    this.deps.store().setState('presence', presence);
    const client = this.client;
    if (client?.currentPhase === 'online') {
      const r = await client.command('agent:status', { status: presence });
      if (!r.ok) throw new ApiError(r.error.code, r.error.message);
    }
    this.notify();
    return this.state();
  }

  get sync(): SyncClient | null {
    return this.client;
  }

  /** The hub this session signs in to (null when signed out). */
  get hubUrl(): string | null {
    return this.stored?.hubUrl ?? null;
  }

  /**
   * Who is working. Signed in: the hub's profile. Never signed in on this machine but triaging an
   * imported export file: the agent the file was exported for, so the work is queued under that id and
   * syncs once that agent signs in (the hub refuses it for anyone else, visibly).
   */
  get agent(): AgentProfile | null {
    if (this.stored) return this.stored.agent;
    const offline = this.deps.store().getState('offline_agent');
    return offline ? { id: offline, name: offline, role: 'agent', skills: [], capacity: 1 } : null;
  }

  /** Records the agent an imported export belongs to, when nobody is signed in here. */
  adoptOfflineAgent(agentId: string): void {
    if (!this.stored) this.deps.store().setState('offline_agent', agentId);
  }

  /** Reconnects a session that survived a restart. Offline work goes on meanwhile. */
  resumeStored(): void {
    if (this.stored) this.start(this.stored);
  }

  /**
   * Signs in over HTTP. Several hub nodes may be listed (one cluster, see sync-client.ts): they are
   * tried in order and the first that answers decides; a node that cannot be reached, or answers 5xx
   * (a proxy in front of a dead node), passes to the next. The whole list is kept as the session's hub,
   * so the sync client can fail over between the nodes afterwards.
   */
  async login(hubUrl: string, username: string, password: string): Promise<SessionState> {
    const hub = normaliseHubUrl(hubUrl);
    let unreachable: ApiError | null = null;
    for (const base of hubUrls(hub)) {
      const answer = await this.postLogin(base, username, password);
      if (answer instanceof ApiError) {
        unreachable = answer;
        continue;
      }
      await this.deps.enterScope?.(hub, answer.agent);
      this.start(this.remember(hub, answer));
      return this.state();
    }
    throw unreachable!;
  }

  /** One node's answer: the login, a thrown refusal (wrong password, rate limited), or unreachable. */
  private async postLogin(
    base: string,
    username: string,
    password: string,
  ): Promise<LoginResponse | ApiError> {
    let response: Response;
    try {
      response = await fetch(`${base}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      return new ApiError(
        'UNAVAILABLE',
        `cannot reach the hub at ${base}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const body = (await response.json().catch(() => null)) as unknown;
    if (!response.ok) {
      const message =
        (body as { error?: { message?: string } } | null)?.error?.message ??
        `login failed (${response.status})`;
      if (response.status >= 500) return new ApiError('UNAVAILABLE', `${base}: ${message}`);
      const code =
        response.status === 401 ? 'UNAUTHORIZED' : response.status === 429 ? 'RATE_LIMITED' : 'UNAVAILABLE';
      throw new ApiError(code, message);
    }
    const data = (body as { ok?: boolean; data?: unknown } | null)?.data ?? body;
    const parsed = LoginResponseSchema.safeParse(data);
    if (!parsed.success)
      throw new ApiError('INTERNAL', 'the hub answered the login with an unexpected shape');
    return parsed.data;
  }

  logout(): SessionState {
    this.client?.disconnect();
    this.client = null;
    this.stored = null;
    this.deps.store().setState('session', '');
    this.deps.store().setState('presence', 'online');
    this.phase = 'signed_out';
    this.lastError = null;
    this.notify();
    return this.state();
  }

  state(): SessionState {
    return {
      phase: this.phase,
      hubUrl: this.stored?.hubUrl ?? null,
      lastHubUrl: this.stored?.hubUrl ?? this.deps.lastHubUrl?.() ?? null,
      agent: this.stored?.agent ?? null,
      lastSeq: this.deps.store().lastSeq(),
      outboxPending: this.deps.outboxPending(),
      lastError: this.lastError,
      presence: this.presence,
    };
  }

  notify(): void {
    this.deps.onChange(this.state());
  }

  close(): void {
    this.client?.disconnect();
    this.client = null;
  }

  private remember(hubUrl: string, login: LoginResponse): StoredSession {
    const stored: StoredSession = {
      hubUrl,
      token: login.token,
      expiresAt: login.expiresAt,
      agent: login.agent,
    };
    // A different agent on this machine starts from a clean cursor (seqs are per agent) and takes tickets.
    if (this.stored?.agent.id !== login.agent.id) {
      this.deps.store().setLastSeq(0);
      this.deps.store().setState('presence', 'online');
    }
    this.deps.store().setState('session', JSON.stringify(stored));
    this.stored = stored;
    return stored;
  }

  private start(stored: StoredSession): void {
    this.client?.disconnect();
    const client = new SyncClient({
      ...this.deps.syncOptions,
      hubUrl: stored.hubUrl,
      token: stored.token,
      presence: () => this.presence,
      onPhase: (phase, detail) => this.onPhase(client, phase, detail),
    });
    this.client = client;
    client.connect();
  }

  private onPhase(client: SyncClient, phase: SyncPhase, detail?: string): void {
    if (client !== this.client) return;
    this.phase = phase;
    this.lastError = phase === 'offline' ? (detail ?? null) : null;
    if (phase === 'online') this.deps.onOnline?.(client);
    this.notify();
  }
}
