// The protocol's commands mapped onto HubCore, for one authenticated socket. Inputs arrive here
// already rate-limited, access-checked and schema-parsed (wiring.ts); every handler answers a Result.
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { Outcome } from '../../shared/domain';
import type { ClientCommandName, clientCommandSchemas } from '../../shared/hub-protocol';
import { fail, type Result } from '../../shared/result';
import type { z } from 'zod';
import type { Actor, HubCore, LiveSink } from '../core';

export function registerCommands(
  socket: Socket,
  core: HubCore,
  actor: Actor,
  sink: LiveSink,
  log: Logger,
): void {
  const on = <K extends ClientCommandName>(
    name: K,
    handler: (input: z.infer<(typeof clientCommandSchemas)[K]['input']>) => Promise<Result<unknown>>,
  ) => {
    (socket as unknown as { on(n: string, f: (i: unknown, ack: (r: unknown) => void) => void): void }).on(
      name,
      (input, ack) => {
        handler(input as never)
          .catch((err: unknown) => {
            log.error({ err, event: name }, 'handler crashed');
            return fail('INTERNAL', 'internal hub error');
          })
          .then(
            (r) => ack(r),
            () => undefined,
          );
      },
    );
  };

  on('session:resume', async (input) => ({
    ok: true,
    data: await core.resume(actor.id, sink, input.lastSeq),
  }));
  on('agent:status', (input) => core.setStatus(actor, input.status));
  on('ticket:accept', (input) => core.accept(actor, input));
  on('ticket:reply', (input) => core.reply(actor, input));
  on('ticket:action', (input) => core.action(actor, input));
  on('ticket:transfer', (input) => core.transfer(actor, input));
  on('ticket:outcome', (input) => core.outcome(actor, input as Outcome));
  on('ticket:messages', (input) => core.ticketMessages(actor, input));
  on('conflict:resolve', (input) => core.resolveConflict(actor, input));
  on('conflict:list', (input) => core.listConflicts(input));
  on('ticket:assignments', (input) => core.assignments(input));
  on('kb:pull', (input) => core.kbPull(input));
  on('kb:publish', (input) => core.publishKb(actor, input));
  on('metrics:get', (input) => core.metrics(input));
  on('team:tickets', () => core.teamTickets());
  on('team:ticket', (input) => core.teamTicket(input));
  on('customer:history', (input) => core.customerHistory(actor, input));
  on('ticket:whisper', (input) => core.whisper(actor, input));
}
