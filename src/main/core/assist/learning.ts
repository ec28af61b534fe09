// Learning from use. Each suggestion has a key (macro id, knowledge doc, history text, upstream text)
// and belongs to a source; both carry counters of how often they were shown, adopted (inserted, and
// sent with little editing) and explicitly dismissed. The adoption rate is smoothed hierarchically
// (Beta-prior style): an item with few observations borrows its source's rate, a source with few
// observations borrows a neutral rate, so one click moves a ranking a little and many clicks a lot.
import type { SuggestionEvent, SuggestionSource } from '../../../shared/domain';
import type { AssistStore, Counters } from './assist-store';
import { editRatio } from './edit-distance';

/** Prior adoption rate before anything is known: most suggestions are not used as-is. */
export const NEUTRAL_RATE = 0.35;
/** Pseudo-observations behind each level's prior (bigger = slower to move). */
const SOURCE_STRENGTH = 12;
const ITEM_STRENGTH = 4;
/** Credit per event. Inserting shows interest; sending unedited is full adoption. */
const INSERT_CREDIT = 0.3;
const SEND_CREDIT = 0.7;

export const sourceKey = (source: SuggestionSource) => `src:${source}`;

const rate = (c: Counters | undefined, prior: number, strength: number) =>
  ((c?.adopt ?? 0) + strength * prior) / ((c?.shown ?? 0) + (c?.reject ?? 0) + strength);

/** Smoothed adoption rate of each item key; `items` maps item key → its source. */
export function adoptionRates(
  store: AssistStore,
  items: ReadonlyMap<string, SuggestionSource>,
): Map<string, number> {
  const sources = [...new Set(items.values())];
  const counters = store.counters([...items.keys(), ...sources.map(sourceKey)]);
  const sourceRate = new Map(
    sources.map((s) => [s, rate(counters.get(sourceKey(s)), NEUTRAL_RATE, SOURCE_STRENGTH)]),
  );
  const out = new Map<string, number>();
  for (const [key, source] of items)
    out.set(key, rate(counters.get(key), sourceRate.get(source) ?? NEUTRAL_RATE, ITEM_STRENGTH));
  return out;
}

/**
 * Counter changes for one event. `history` is what this suggestion already received on this ticket, so
 * a suggestion inserted twice is credited once, and a send after an insert adds only the send's part.
 */
export function creditFor(
  event: SuggestionEvent['event'],
  history: readonly SuggestionEvent['event'][],
  original: string,
  finalText: string | undefined,
): Partial<Counters> {
  switch (event) {
    case 'shown':
      return { shown: 1 };
    case 'inserted':
      return history.includes('inserted') || history.includes('sent') ? {} : { adopt: INSERT_CREDIT };
    case 'sent': {
      if (history.includes('sent')) return {};
      // A heavily rewritten reply says the suggestion was only a starting point.
      const quality = finalText === undefined ? 1 : 1 - editRatio(original, finalText);
      const insertPart = history.includes('inserted') ? 0 : INSERT_CREDIT;
      return { adopt: insertPart + SEND_CREDIT * quality };
    }
    case 'dismissed':
      return history.includes('dismissed') ? {} : { reject: 1 };
    case 'edited':
      return {};
  }
}

/**
 * 0.3 (never adopted) … 1 (a typical reply) … 1.35 (adopted 1.5× more than typical). Wide on purpose:
 * agents rejecting a reply again and again is the clearest signal we get, and the smoothing in
 * learning.ts already keeps a single click from moving it much.
 */
export function adoptionFactor(rate: number | undefined): number {
  return 0.3 + 0.7 * Math.min(1.5, (rate ?? NEUTRAL_RATE) / NEUTRAL_RATE);
}
