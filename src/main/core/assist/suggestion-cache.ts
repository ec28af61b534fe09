// The latest suggestions computed for each ticket, so a ticket opened after its suggestions were
// computed in the background gets them at once instead of computing them again (the renderer asks
// on every open; a burst of 45 tickets used to cost 45 recomputes on top of the background ones).
// Any change to the ticket (a message, a status or assist update, a suggestion dismissed or sent)
// makes what was computed before stale; so does age, for what the ticket does not tell (knowledge
// synced, the team's adoption rates, the clock against the policy windows).
import type { SuggestResult } from './engine';

const MAX_AGE_MS = 30_000;
const MAX_TICKETS = 500;

export class SuggestionCache {
  private readonly versions = new Map<string, number>();
  private readonly results = new Map<
    string,
    { version: number; at: number; limit: number; result: SuggestResult }
  >();

  constructor(private readonly now: () => number = Date.now) {}

  /** The ticket changed: what was computed for it before is stale. */
  invalidate(ticketId: string): void {
    this.versions.set(ticketId, this.version(ticketId) + 1);
    this.results.delete(ticketId);
    if (this.versions.size > MAX_TICKETS * 2) this.versions.delete(this.versions.keys().next().value!);
  }

  /** Taken before computing: a result is kept only if nothing changed while it was computed. */
  version(ticketId: string): number {
    return this.versions.get(ticketId) ?? 0;
  }

  keep(ticketId: string, version: number, limit: number, result: SuggestResult): void {
    if (version !== this.version(ticketId)) return;
    this.results.delete(ticketId);
    this.results.set(ticketId, { version, at: this.now(), limit, result });
    while (this.results.size > MAX_TICKETS) this.results.delete(this.results.keys().next().value!);
  }

  /** What was computed for the ticket as it is now, recently, with at least `limit` suggestions. */
  fresh(ticketId: string, limit: number): SuggestResult | undefined {
    const hit = this.results.get(ticketId);
    if (!hit || hit.version !== this.version(ticketId) || this.now() - hit.at > MAX_AGE_MS) return undefined;
    if (hit.limit < limit) return undefined;
    return { ...hit.result, suggestions: hit.result.suggestions.slice(0, limit) };
  }
}
