// One suggestion event (shown / inserted / edited / sent / dismissed) stored with the learning credit
// it earns the reply and its source. Split from engine.ts: the engine decides what to offer, this
// records what the agent did with it.
import type { SuggestionEvent, SuggestionSource } from '../../../shared/domain';
import type { AssistStore } from './assist-store';
import { editDistance } from './edit-distance';
import { creditFor, sourceKey } from './learning';

export interface SuggestionEventInput {
  ticketId: string;
  suggestionId: string;
  source: SuggestionSource;
  refKey: string;
  /** The suggestion as shown. */
  text: string;
  event: SuggestionEvent['event'];
  /** Events this suggestion already had on this ticket. */
  history: readonly SuggestionEvent['event'][];
  finalText?: string | undefined;
  at: number;
}

export function recordSuggestionEvent(store: AssistStore, e: SuggestionEventInput): SuggestionEvent {
  const distance =
    e.finalText !== undefined && (e.event === 'edited' || e.event === 'sent')
      ? editDistance(e.text, e.finalText)
      : undefined;
  const credit = creditFor(e.event, e.history, e.text, e.finalText);
  if (Object.keys(credit).length) {
    store.bump(e.refKey, credit);
    store.bump(sourceKey(e.source), credit);
  }
  const out: SuggestionEvent = {
    suggestionId: e.suggestionId,
    source: e.source,
    event: e.event,
    ...(distance !== undefined ? { editDistance: distance } : {}),
    at: e.at,
  };
  store.addEvent({ ...out, ticketId: e.ticketId, refKey: e.refKey });
  return out;
}
