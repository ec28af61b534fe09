// How long a customer has waited for a human: one rule for the hub's team view and the agent's queue.
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
