// The assist engine's slow dependencies (knowledge search, the embedding worker) wrapped with perf
// marks, keyed by the ticket whose suggestions are being computed (perfTrace.within). When tracing is
// off the wrappers add one boolean test per call.
import { perfTrace } from '../perf-trace';
import type { KnowledgeSearch } from './candidates';

type EmbedFn = (texts: string[]) => Promise<Float32Array[]>;

export function embedder(
  get: (() => EmbedFn | undefined) | undefined,
  label: string,
): (() => EmbedFn | undefined) | undefined {
  if (!get) return undefined;
  return () => {
    const fn = get();
    if (!fn) return undefined;
    return (texts) => {
      if (!perfTrace.enabled) return fn(texts);
      perfTrace.markHere(`assist.embed.start:${label}`);
      return fn(texts).finally(() => perfTrace.markHere(`assist.embed.done:${label}`));
    };
  };
}

export function knowledge(
  get: (() => KnowledgeSearch | null | undefined) | undefined,
): (() => KnowledgeSearch | null | undefined) | undefined {
  if (!get) return undefined;
  return () => {
    const kb = get();
    if (!kb) return kb;
    return {
      search: (query, options) => {
        if (!perfTrace.enabled) return kb.search(query, options);
        perfTrace.markHere('assist.kb.start');
        return kb.search(query, options).finally(() => perfTrace.markHere('assist.kb.done'));
      },
      ...(kb.getDoc ? { getDoc: kb.getDoc.bind(kb) } : {}),
    };
  };
}
