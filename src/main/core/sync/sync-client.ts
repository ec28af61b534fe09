// The workstation's socket.io client. It applies hub events strictly in `seq` order: each event is
// stored together with its seq in one transaction, duplicates (seq ≤ last applied) are ignored, and a
// gap (seq > last + 1, e.g. live events racing the replay) is held back until `session:resume` fills it.
// A `session:snapshot` (the hub's log no longer reaches back to our cursor) is the one event taken
// across a gap: it carries the state at its seq.
// socket.io's own delivery is at-most-once; this cursor is what makes a reconnect lose nothing.
//
// Failover: `hubUrl` may list several hub nodes ("http://a:4300,http://b:4300", one cluster on one
// Redis). After FAILOVER_AFTER failed connection attempts to the current node the client moves on to
// the next one and resumes there from its cursor, so a node's death loses nothing either.
import { io, type Socket } from 'socket.io-client';
import {
  SERVER_EVENT_NAMES,
  clientCommandSchemas,
  serverEventSchemas,
  type ClientCommandName,
  type ClientToServerEvents,
  type CommandInput,
  type CommandOutput,
  type AgentPresence,
  type ServerEventName,
  type ServerToClientEvents,
} from '../../../shared/hub-protocol';
import { hubUrls } from '../../../shared/hub-address';
import { describeIssues, fail, type Result } from '../../../shared/result';
import { perfTrace, ticketKeyOf } from '../perf-trace';

export { hubUrls };

export type SyncPhase = 'connecting' | 'online' | 'offline';

export interface SyncCursor {
  lastSeq(): number;
  /** Applies one validated event and records `seq` as applied, atomically. */
  applyAtomically(name: ServerEventName, event: { seq: number }): void;
}

export interface SyncClientOptions {
  hubUrl: string;
  token: string;
  cursor: SyncCursor;
  onPhase?: (phase: SyncPhase, detail?: string) => void;
  /** Called after an event has been committed, outside the transaction (to notify the UI). */
  onApplied?: (name: ServerEventName, event: { seq: number }) => void;
  onProtocolError?: (event: string, message: string) => void;
  commandTimeoutMs?: number;
  /** The agent's presence, sent in every handshake (see HandshakeAuthSchema). */
  presence?: () => AgentPresence;
}

type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Failed connection attempts to one node before trying the next (when several are listed). */
const FAILOVER_AFTER = 2;

export class SyncClient {
  private socket: HubSocket | null = null;
  private readonly heldBack = new Map<number, { name: ServerEventName; event: { seq: number } }>();
  private resumeInFlight: Promise<void> | null = null;
  private phase: SyncPhase = 'connecting';
  private readonly urls: string[];
  private urlIndex = 0;
  private failures = 0;

  constructor(private readonly options: SyncClientOptions) {
    this.urls = hubUrls(options.hubUrl);
  }

  get currentPhase(): SyncPhase {
    return this.phase;
  }

  /** The hub node this client is connected (or connecting) to. */
  get currentUrl(): string {
    return this.urls[this.urlIndex]!;
  }

  connect(): void {
    if (this.socket) return;
    const socket: HubSocket = io(this.currentUrl, {
      // A function, so every reconnect tells the hub the agent's presence as it is then.
      auth: (cb) => cb({ token: this.options.token, status: this.options.presence?.() ?? 'online' }),
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      randomizationFactor: 0.5,
    });
    this.socket = socket;
    this.setPhase('connecting');
    socket.on('connect', () => {
      this.failures = 0;
      this.heldBack.clear();
      void this.resume().then(() => this.setPhase('online'));
    });
    socket.on('disconnect', (reason) => {
      this.setPhase('offline', reason);
      // socket.io does not reconnect after the server closed the socket (a hub restart or deploy says
      // "io server disconnect"); the agent must not stay offline until they sign in again.
      if (reason === 'io server disconnect') this.reconnectLater();
    });
    socket.on('connect_error', (err) => {
      this.setPhase('offline', err.message);
      if (this.urls.length > 1 && ++this.failures >= FAILOVER_AFTER) return this.failOver();
      // Refused by the hub's handshake (not a network failure): socket.io does not try again by itself.
      // A passing refusal — the hub could not reach its store, too many sockets — is retried; a refused
      // token is not (the session shows it and the agent signs in again).
      const code = (err as Error & { data?: { code?: string } }).data?.code;
      if (!socket.active && code !== 'UNAUTHORIZED') this.reconnectLater();
    });
    socket.on('protocol:error', (e) => this.options.onProtocolError?.(e.event, e.message));
    for (const name of SERVER_EVENT_NAMES) {
      socket.on(name as 'kb:changed', (payload: unknown) => this.receive(name, payload));
    }
  }

  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  /** Moves to the next listed hub node; the new connection resumes from the cursor. */
  private failOver(): void {
    this.failures = 0;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.urlIndex = (this.urlIndex + 1) % this.urls.length;
    this.connect();
  }

  private reconnectLater(): void {
    if (this.reconnectTimer) return;
    const delay = 500 + Math.random() * 1500;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.socket && !this.socket.connected) this.socket.connect();
    }, delay);
  }

  disconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.setPhase('offline', 'signed out');
  }

  /** Sends a command and waits for the hub's acknowledgement (or a timeout, reported as UNAVAILABLE). */
  async command<K extends ClientCommandName>(
    name: K,
    input: CommandInput<K>,
  ): Promise<Result<CommandOutput<K>>> {
    const socket = this.socket;
    if (!socket?.connected) return fail('UNAVAILABLE', 'not connected to the hub');
    try {
      // socket.io's typed emitWithAck cannot follow a generic command name; the table above types it.
      const timed = socket.timeout(this.options.commandTimeoutMs ?? 10_000) as unknown as {
        emitWithAck(event: string, arg: unknown): Promise<unknown>;
      };
      const raw = await timed.emitWithAck(name, input);
      const answer = raw as Result<unknown>;
      if (answer && answer.ok) {
        const parsed = clientCommandSchemas[name].output.safeParse(answer.data);
        if (!parsed.success)
          return fail(
            'INTERNAL',
            `hub answered ${name} with an unexpected shape`,
            describeIssues(parsed.error),
          );
        return { ok: true, data: parsed.data as CommandOutput<K> };
      }
      return answer as Result<CommandOutput<K>>;
    } catch (err) {
      return fail('UNAVAILABLE', `${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Handles one incoming event; exported for tests that feed malformed or reordered events. */
  receive(name: ServerEventName, payload: unknown): void {
    const receivedAt = perfTrace.enabled ? perfTrace.now() : 0;
    const parsed = serverEventSchemas[name].safeParse(payload);
    if (!parsed.success) {
      this.options.onProtocolError?.(name, `malformed ${name}: ${describeIssues(parsed.error)[0] ?? ''}`);
      return;
    }
    const event = parsed.data as { seq: number };
    if (perfTrace.enabled) {
      const key = ticketKeyOf(event);
      perfTrace.mark(key, `core.received:${name}`, receivedAt);
      perfTrace.mark(key, `core.parsed:${name}`);
    }
    const last = this.options.cursor.lastSeq();
    if (event.seq <= last) return; // already applied: a replay or a duplicate delivery
    if (name === 'session:snapshot') {
      // the hub no longer holds the events after our cursor: its state at `seq` replaces them
      this.apply(name, event);
      this.drainHeldBack();
      return;
    }
    if (event.seq > last + 1) {
      this.heldBack.set(event.seq, { name, event });
      void this.resume();
      return;
    }
    this.apply(name, event);
    this.drainHeldBack();
  }

  private apply(name: ServerEventName, event: { seq: number }): void {
    try {
      this.options.cursor.applyAtomically(name, event);
    } catch (err) {
      this.options.onProtocolError?.(name, `could not apply ${name} #${event.seq}: ${String(err)}`);
      return;
    }
    this.options.onApplied?.(name, event);
  }

  private drainHeldBack(): void {
    for (;;) {
      const next = this.heldBack.get(this.options.cursor.lastSeq() + 1);
      if (!next) break;
      this.heldBack.delete(next.event.seq);
      this.apply(next.name, next.event);
    }
    const last = this.options.cursor.lastSeq();
    for (const seq of this.heldBack.keys()) if (seq <= last) this.heldBack.delete(seq);
  }

  private resume(): Promise<void> {
    if (this.resumeInFlight) return this.resumeInFlight;
    this.resumeInFlight = (async () => {
      const result = await this.command('session:resume', { lastSeq: this.options.cursor.lastSeq() });
      if (!result.ok) this.options.onProtocolError?.('session:resume', result.error.message);
      this.drainHeldBack();
    })().finally(() => {
      this.resumeInFlight = null;
    });
    return this.resumeInFlight;
  }

  private setPhase(phase: SyncPhase, detail?: string): void {
    this.phase = phase;
    this.options.onPhase?.(phase, detail);
  }
}
