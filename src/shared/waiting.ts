// Reading a conversation the same way on the hub and the workstation: how long the customer has waited
// for a human, and what they asked first.
import type { Message } from './domain';

/**
 * Since when the customer has waited for a human: the first customer message after the last agent
 * reply (never before the escalation), the escalation itself if no agent answered yet, or null when
 * the agent spoke last.
 */
export function waitingSince(
  messages: readonly Pick<Message, 'from' | 'at'>[],
  escalatedAt: number,
): number | null {
  let lastAgent = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.from === 'agent') {
      lastAgent = i;
      break;
    }
  }
  if (lastAgent < 0) return escalatedAt;
  return messages.slice(lastAgent + 1).find((m) => m.from === 'customer')?.at ?? null;
}

/** The same rule, one message at a time: the next value after `message` arrives. */
export function nextWaitingSince(
  current: number | null,
  message: Pick<Message, 'from' | 'at'>,
): number | null {
  if (message.from === 'agent') return null;
  if (message.from === 'customer') return current ?? message.at;
  return current;
}

/** What the customer asked first: their first text, or a voice message's transcript, shortened. */
export function openerOf(messages: readonly Message[], max = 200): string {
  for (const m of messages) {
    if (m.from !== 'customer') continue;
    if (m.kind === 'text') return m.text.slice(0, max);
    if (m.kind === 'voice') return m.transcript.slice(0, max);
  }
  return '';
}
