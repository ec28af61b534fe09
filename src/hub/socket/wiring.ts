// socket.io wiring: handshake authentication, the per-user socket cap, and for every incoming packet
// (deny by default) rate limits, the CURRENT user record, the role table and the input schema, before
// the command reaches HubCore. A user whose access changes is dropped at once (`access` from HubCore).
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import {
  HandshakeAuthSchema,
  clientCommandSchemas,
  type AgentPresence,
  type ClientCommandName,
} from '../../shared/hub-protocol';
import { describeIssues, fail, rateLimited, type Result } from '../../shared/result';
import { checkAccess } from '../auth/access';
import { verifyToken, type TokenClaims } from '../auth/token';
import type { Actor, HubCore, LiveSink } from '../core';
import { registerCommands } from './commands';
import { EncodedPayload } from './encoded';
import { CommandLimiter, pauseReading, unreadBytes, type CommandLimits } from './limits';

interface SocketData {
  actor: Actor;
  claims: TokenClaims;
  sink: LiveSink;
  initialStatus: AgentPresence;
}

type HubSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;
type Ack = (r: Result<unknown>) => void;

export interface SocketWiringOptions {
  core: HubCore;
  log: Logger;
  tokenSecret: string;
  limits: CommandLimits;
}

const userRoom = (userId: string) => `user:${userId}`;

export function wireSockets(io: Server, opts: SocketWiringOptions): void {
  const { core, log } = opts;
  const limiter = new CommandLimiter(opts.limits);
  const socketsPerUser = new Map<string, number>();
  const countSockets = (userId: string, delta: number) => {
    const n = (socketsPerUser.get(userId) ?? 0) + delta;
    if (n > 0) socketsPerUser.set(userId, n);
    else socketsPerUser.delete(userId);
    return n;
  };

  // A disabled or demoted user: tell each socket why, then drop it (its token is no good any more).
  core.on('access', (userId) => {
    const room = io.in(userRoom(userId));
    room.emit('protocol:error', { event: 'auth', message: 'your account access changed: log in again' });
    room.disconnectSockets(true);
  });

  // Handshake: a valid, unexpired token signed by this hub for a user that exists, is enabled and
  // still has the token's role; and a free seat under the per-user socket cap.
  io.use((socket, next) => {
    const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      const hasToken = typeof (socket.handshake.auth as { token?: unknown } | undefined)?.token === 'string';
      return next(
        connectError(
          'UNAUTHORIZED',
          hasToken
            ? `invalid handshake: ${describeIssues(auth.error).join('; ')}`
            : 'missing token: connect with auth: { token } from POST /api/login',
        ),
      );
    }
    const v = verifyToken(opts.tokenSecret, auth.data.token);
    if (!v.ok) {
      const msg =
        v.reason === 'expired'
          ? 'token expired: log in again'
          : `invalid token (${v.reason.replace('_', ' ')})`;
      return next(connectError('UNAUTHORIZED', msg));
    }
    void core.store.getUser(v.claims.sub).then(
      (user) => {
        const access = checkAccess(user, v.claims);
        if (!access.ok) return next(connectError('UNAUTHORIZED', `invalid token (${access.reason})`));
        if ((socketsPerUser.get(access.actor.id) ?? 0) >= opts.limits.maxSocketsPerUser)
          return next(
            connectError(
              'RATE_LIMITED',
              `too many connections for ${access.actor.id} (at most ${opts.limits.maxSocketsPerUser}): close another window first`,
            ),
          );
        const data = socket.data as SocketData;
        data.claims = v.claims;
        data.actor = access.actor;
        data.initialStatus = auth.data.status ?? 'online';
        next();
      },
      (err: unknown) => {
        log.error({ err }, 'handshake user lookup failed');
        next(connectError('UNAVAILABLE', 'hub could not check the account; try again'));
      },
    );
  });

  io.on('connection', (raw) => {
    const socket = raw as unknown as HubSocket;
    const { actor, claims } = socket.data;
    // Handshakes that raced past the cap together: the latest ones leave again.
    if (countSockets(actor.id, 1) > opts.limits.maxSocketsPerUser) {
      countSockets(actor.id, -1);
      (socket as unknown as { emit(n: string, p: unknown): void }).emit('protocol:error', {
        event: 'connect',
        message: `too many connections (at most ${opts.limits.maxSocketsPerUser})`,
      });
      socket.disconnect(true);
      return;
    }
    void socket.join(userRoom(actor.id));
    const sink: LiveSink = {
      id: socket.id,
      live: false,
      // a stored event goes out as the text the replay log holds (encoded.ts), not serialised again
      emit: (name, payload, encoded) =>
        (socket as unknown as { emit(n: string, p: unknown): void }).emit(
          name,
          encoded === undefined ? payload : new EncodedPayload(encoded),
        ),
    };
    socket.data.sink = sink;
    core.attach(actor.id, sink, socket.data.initialStatus);

    // Drop the socket when its token expires (a handshake check alone would let it live on).
    const ttl = claims.exp * 1000 - Date.now();
    const expiry = setTimeout(
      () => {
        sink.emit('protocol:error', { event: 'auth', message: 'token expired: log in again' });
        socket.disconnect(true);
      },
      Math.max(0, Math.min(ttl, 2 ** 31 - 1)),
    );
    expiry.unref();

    let inFlight = 0;
    socket.on('disconnect', () => {
      clearTimeout(expiry);
      countSockets(actor.id, -1);
      core.detach(actor.id, sink);
    });

    // Deny by default: floods, stale accounts, unknown events, wrong roles and malformed payloads
    // never reach a handler.
    socket.use((packet, next) => {
      const [event, payload, ...rest] = packet as [unknown, unknown, ...unknown[]];
      const last = rest[rest.length - 1];
      const ack: Ack | undefined =
        typeof last === 'function'
          ? (last as Ack)
          : typeof payload === 'function'
            ? (payload as Ack)
            : undefined;
      const name = typeof event === 'string' ? event.slice(0, 64) : String(event);
      const refuse = (r: Result<never>) => {
        if (ack) ack(r);
        // A flood is answered in its acks only (echoing each refusal as an event would double it), and
        // the connection is not read for the wait it was told, so the flood stays in its own buffers.
        if (!r.ok && r.error.code === 'RATE_LIMITED') pauseReading(socket.conn, r.error.retryAfterMs ?? 100);
        else if (!r.ok) sink.emit('protocol:error', { event: name, message: r.error.message });
        log.debug({ user: actor.id, event: name, error: !r.ok ? r.error : undefined }, 'refused event');
      };
      if (inFlight >= opts.limits.maxInFlightPerSocket)
        return refuse(
          rateLimited(
            `too many commands in flight (at most ${opts.limits.maxInFlightPerSocket}): wait for answers`,
            50,
          ),
        );
      if (unreadBytes(socket.conn) > opts.limits.maxUnreadBytesPerSocket)
        return refuse(rateLimited('answers are piling up unread on this connection: read them first', 500));
      inFlight++;
      const done = () => {
        inFlight--;
      };
      void limiter
        .take(actor.id, socket.id, name)
        .then(async (wait) => {
          if (wait !== null) return refuse(rateLimited(`too many commands: retry in ${wait} ms`, wait));
          if (typeof event !== 'string' || !Object.hasOwn(clientCommandSchemas, event))
            return refuse(
              fail('UNKNOWN_METHOD', `unknown event "${typeof event === 'string' ? name : typeof event}"`),
            );
          const access = checkAccess(await core.store.getUser(actor.id), claims);
          if (!access.ok) {
            refuse(fail('UNAUTHORIZED', access.reason));
            socket.disconnect(true);
            return;
          }
          const spec = clientCommandSchemas[event as ClientCommandName];
          if (!(spec.roles as readonly string[]).includes(actor.role))
            return refuse(fail('FORBIDDEN', `${actor.role} may not call ${event}`));
          if (!ack) return refuse(fail('BAD_REQUEST', `${event} needs an acknowledgement callback`));
          const parsed = spec.input.safeParse(typeof payload === 'function' ? undefined : payload);
          if (!parsed.success) {
            const issues = describeIssues(parsed.error);
            return refuse(fail('BAD_REQUEST', `invalid ${event}: ${issues[0] ?? 'bad payload'}`, issues));
          }
          const release = limiter.seat(actor.id, event);
          if (!release)
            return refuse(
              rateLimited(
                `${event}: at most ${opts.limits.maxHeavyInFlightPerUser} at once per user; wait for the answer`,
                100,
              ),
            );
          packet.length = 0;
          packet.push(event, parsed.data, (r: Result<unknown>) => {
            release();
            done();
            ack(r);
            if (r.ok) void limiter.charge(actor.id, socket.id, event, r.data).catch(() => undefined);
          });
          next();
          return 'handed-over' as const;
        })
        .then(
          (r) => {
            if (r !== 'handed-over') done();
          },
          (err: unknown) => {
            done();
            log.error({ err, event: name }, 'command guard failed');
            refuse(fail('INTERNAL', 'internal hub error'));
          },
        );
    });

    registerCommands(socket, core, actor, sink, log);

    // Handshake offset: replay what was missed, then go live, without waiting for session:resume.
    const lastSeq = (socket.handshake.auth as { lastSeq?: unknown }).lastSeq;
    if (typeof lastSeq === 'number' && Number.isInteger(lastSeq) && lastSeq >= 0) {
      void core
        .resume(actor.id, sink, lastSeq)
        .catch((err: unknown) => log.error({ err }, 'handshake resume failed'));
    }
  });
}

function connectError(code: 'UNAUTHORIZED' | 'RATE_LIMITED' | 'UNAVAILABLE', message: string): Error {
  const err = new Error(message) as Error & { data?: unknown };
  err.data = { code, message };
  return err;
}
