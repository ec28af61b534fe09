// Knowledge slice: the agent's knowledge-base search (kb.search runs locally in the core, so it
// answers offline too). Only the latest query's answer is kept; slower earlier answers are dropped.
import { create } from 'zustand';
import type { KbSearchHit } from '../../shared/api';
import type { KbTier } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { api } from '../platform/client';

export type TierFilter = KbTier | 'all';

interface KnowledgeSlice {
  query: string;
  tier: TierFilter;
  hits: KbSearchHit[];
  mode: 'hybrid' | 'keyword' | null;
  /** Why the search ran keyword-only (model not loaded …), shown so a weaker result is explained. */
  degraded: string | null;
  loading: boolean;
  error: AppError | null;
  setQuery(query: string): void;
  setTier(tier: TierFilter): void;
  search(): Promise<void>;
  /** Forgets the query and its results (another ticket was opened); an answer still on its way is dropped. */
  reset(): void;
}

let latest = 0;

export const useKnowledge = create<KnowledgeSlice>((set, get) => ({
  query: '',
  tier: 'all',
  hits: [],
  mode: null,
  degraded: null,
  loading: false,
  error: null,
  setQuery(query) {
    set({ query });
  },
  setTier(tier) {
    set({ tier });
  },
  reset() {
    latest++;
    set({ query: '', hits: [], mode: null, degraded: null, loading: false, error: null });
  },
  async search() {
    const query = get().query.trim();
    const tier = get().tier;
    const mine = ++latest;
    if (!query) {
      set({ hits: [], mode: null, degraded: null, loading: false, error: null });
      return;
    }
    set({ loading: true, error: null });
    const r = await api().call('kb.search', {
      query: query.slice(0, 500),
      limit: 10,
      ...(tier === 'all' ? {} : { tiers: [tier] }),
    });
    if (mine !== latest) return;
    if (!r.ok) {
      set({ loading: false, error: r.error });
      return;
    }
    set({ loading: false, hits: r.data.hits, mode: r.data.mode, degraded: r.data.degraded });
  },
}));

/** Splits a snippet into plain and highlighted parts from the [start, end) offsets kb.search gives. */
export function highlightParts(
  snippet: string,
  highlights: readonly { start: number; end: number }[],
): { text: string; hit: boolean }[] {
  const ranges = [...highlights]
    .filter((h) => h.end > h.start && h.start < snippet.length)
    .sort((a, b) => a.start - b.start);
  const parts: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const h of ranges) {
    const start = Math.max(h.start, at);
    const end = Math.min(h.end, snippet.length);
    if (end <= start) continue; // overlaps an earlier range
    if (start > at) parts.push({ text: snippet.slice(at, start), hit: false });
    parts.push({ text: snippet.slice(start, end), hit: true });
    at = end;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), hit: false });
  return parts;
}

export { passageForReply, replyFromSnippet, stripMarkdown } from '../../shared/plain-text';
