// A lead's private note to the agent on a ticket: appended to the conversation as an internal system
// message (event `lead_note`, never shown to the customer) and sent to the holder live. Idempotent, so
// a lead's workstation can queue it offline and retry.
import { randomUUID } from 'node:crypto';
import type { Message } from '../../shared/domain';
import { LEAD_NOTE_EVENT, type CommandInput } from '../../shared/hub-protocol';
import { idempotent } from '../command-guard';
import { HubError, type Actor, type HubContext } from '../context';
import { send } from '../delivery/send';
import { OWNED_STATUSES } from './lifecycle';
import { assertRoomForMessage } from './snapshot';

export function whisper(ctx: HubContext, actor: Actor, input: CommandInput<'ticket:whisper'>) {
  return idempotent(ctx, actor, 'ticket:whisper', `${input.ticketId}:${input.idempotencyKey}`, async () => {
    const head = await ctx.store.getTicketHead(input.ticketId);
    if (!head) throw new HubError('NOT_FOUND', `no ticket ${input.ticketId}`);
    if (!OWNED_STATUSES.includes(head.status) || !head.assignedTo)
      throw new HubError('CONFLICT', `ticket is ${head.status}: nobody holds it to read the note`);
    await assertRoomForMessage(ctx, head.id);
    const message = {
      id: `m_${randomUUID()}`,
      ticketId: head.id,
      from: 'system',
      at: Date.now(),
      kind: 'system',
      event: LEAD_NOTE_EVENT,
      text: `${actor.name}：${input.text}`,
    } as Message;
    await ctx.store.appendMessage(message);
    await send(ctx, head.assignedTo, 'ticket:message', { ticketId: head.id, message });
    return { message };
  });
}
