// Applying the hub's knowledge deltas (kb:pull) to the local store, page by page: each page in its own
// transaction with the stored version moved to what is complete so far. KnowledgeService serialises
// the calls and starts the indexer afterwards.
import { z } from 'zod';
import { IdSchema, KbDocSchema } from '../../../shared/domain';
import type { Db } from '../db/database';
import type { KnowledgeStore } from './store';

const PullCursorSchema = z.object({ version: z.number().int().nonnegative(), id: IdSchema });
export const PullResultSchema = z.object({
  version: z.number().int().nonnegative(),
  docs: z.array(KbDocSchema),
  deletedIds: z.array(IdSchema),
  /** The hub pages big deltas (kb:pull): set when more follow after this (version, id). */
  next: PullCursorSchema.nullable().optional(),
});
export type PullResult = z.infer<typeof PullResultSchema>;
export type PullCursor = z.infer<typeof PullCursorSchema>;
export type PullFn = (sinceVersion: number, after?: PullCursor) => Promise<PullResult>;
/** More pages than any real knowledge base needs: a hub that never says "done" is refused. */
const MAX_PULL_PAGES = 10_000;

export interface SyncReport {
  fromVersion: number;
  version: number;
  upserted: number;
  unchanged: number;
  deleted: number;
  newChunks: number;
  removedChunks: number;
}

/**
 * Follows the hub's pages: each page is applied in its own transaction and the stored version moves
 * to what is complete so far (below the next page's version), so a sync cut off midway resumes
 * close to where it stopped and never skips anything.
 */
export async function pullFromHub(db: Db, store: KnowledgeStore, pull: PullFn): Promise<SyncReport> {
  const fromVersion = Number(store.getMeta('kb_version') ?? 0);
  const report: SyncReport = {
    fromVersion,
    version: fromVersion,
    upserted: 0,
    unchanged: 0,
    deleted: 0,
    newChunks: 0,
    removedChunks: 0,
  };
  let after: PullCursor | undefined;
  for (let page = 0; ; page++) {
    if (page >= MAX_PULL_PAGES) throw new Error(`hub sent more than ${MAX_PULL_PAGES} knowledge pages`);
    const parsed = PullResultSchema.safeParse(await pull(fromVersion, after));
    if (!parsed.success)
      throw new Error(
        `hub sent an invalid knowledge delta: ${parsed.error.issues[0]?.message ?? 'bad payload'}`,
      );
    const delta = parsed.data;
    const next = delta.next ?? undefined;
    if (
      next &&
      after &&
      (next.version < after.version || (next.version === after.version && next.id <= after.id))
    )
      throw new Error('hub sent a knowledge page that does not move forward');
    const complete = next ? Math.max(fromVersion, next.version - 1) : Math.max(fromVersion, delta.version);
    applyPage(db, store, delta, complete, report);
    report.version = complete;
    if (!next) break;
    after = next;
  }
  return report;
}

function applyPage(
  db: Db,
  store: KnowledgeStore,
  delta: PullResult,
  completeVersion: number,
  report: SyncReport,
): void {
  db.transaction(() => {
    for (const doc of delta.docs) {
      const existing = store.getDoc(doc.id);
      if (existing?.source === 'import') continue; // never let a hub id overwrite a merchant's own doc
      const r = store.upsertDoc(doc, 'hub');
      if (r.changed) report.upserted++;
      else report.unchanged++;
      report.newChunks += r.newChunks;
      report.removedChunks += r.removedChunks;
    }
    for (const id of delta.deletedIds) {
      if (store.getDoc(id)?.source === 'hub' && store.deleteDoc(id)) report.deleted++;
    }
    store.setMeta('kb_version', String(completeVersion));
  })();
}
