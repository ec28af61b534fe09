// Pure helpers for the message timeline: de-duplicated append/merge and previews.
import type { Message } from '../../shared/domain';

function sameMessage(a: Message, b: Message): boolean {
  // A reply comes back twice (the tickets.reply answer and the tickets.message event); the
  // client message id recognises it even if the two copies were given different ids.
  return a.id === b.id || (a.clientMsgId !== undefined && a.clientMsgId === b.clientMsgId);
}

/**
 * Appends `incoming` unless it is already there; a duplicate replaces the stored copy (the later
 * copy is the confirmed one). Returns the same array when nothing changed so React can skip work.
 * Out-of-order arrivals are placed by time, so the timeline never runs backwards.
 */
export function appendMessage(list: readonly Message[], incoming: Message): readonly Message[] {
  // Duplicates are nearly always among the newest messages, so scan from the end.
  for (let i = list.length - 1; i >= 0; i--) {
    const m = list[i]!;
    if (sameMessage(m, incoming)) {
      if (m.id === incoming.id && m.at === incoming.at && m.kind === incoming.kind) return list;
      const next = list.slice();
      next[i] = incoming;
      return next;
    }
  }
  const last = list[list.length - 1];
  if (!last || last.at <= incoming.at) return [...list, incoming];
  let at = list.length;
  while (at > 0 && list[at - 1]!.at > incoming.at) at--;
  return [...list.slice(0, at), incoming, ...list.slice(at)];
}

export function mergeMessages(base: readonly Message[], extra: readonly Message[]): readonly Message[] {
  let out = base;
  for (const m of extra) out = appendMessage(out, m);
  return out;
}
