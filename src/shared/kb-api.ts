// The knowledge part of the renderer ↔ core API (src/main/core/knowledge): search hits, import
// reports, index statistics and progress. Re-exported by api.ts, whose method table uses them.
import { CoreTextSchema } from './core-texts';
import { z } from 'zod';
import { IdSchema, KbTierSchema } from './domain';

export const KbSearchHitSchema = z.object({
  docId: IdSchema,
  chunkId: z.number().int(),
  title: z.string(),
  snippet: z.string(),
  /** [start, end) offsets into snippet of matched terms. */
  highlights: z.array(
    z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
  ),
  tier: KbTierSchema,
  tags: z.array(z.string()),
  source: z.enum(['hub', 'import']),
  /** Ranking score (0…1): the model's similarity scale, or keyword order without a model. */
  score: z.number().min(0).max(1),
  /**
   * Calibrated probability (0…1) that this document answers the query, from the model's manifest;
   * null when there is none (keyword search, a model without calibration): then show no figure.
   */
  relevance: z.number().min(0).max(1).nullable().default(null),
  matchedBy: z.array(z.enum(['keyword', 'vector'])),
});
export type KbSearchHit = z.infer<typeof KbSearchHitSchema>;

/**
 * Longest knowledge query searched, in characters (code points): longer text is cut at the boundary
 * (the schema below) and again in the core's segmenter. An 8,000-character query once crashed the
 * embedding worker, and segmenting it took seconds for nothing a search can use.
 */
export const KB_MAX_QUERY_CHARS = 500;

export function clampKbQuery(query: string): string {
  if (query.length <= KB_MAX_QUERY_CHARS) return query;
  return Array.from(query).slice(0, KB_MAX_QUERY_CHARS).join('');
}

export const KbImportReportSchema = z.object({
  file: z.string(),
  totalRows: z.number().int().nonnegative(),
  imported: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** `text`: the reason as a code the renderer words (`reason` is the core's English). */
  errors: z.array(z.object({ line: z.number().int(), reason: z.string(), text: CoreTextSchema.optional() })),
  /** How the text was decoded (detected: BOM, UTF-8 validity, else GB18030); null for .xlsx. */
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'gb18030']).nullable(),
});

/** 'switch': the model changed and every chunk is re-embedded; keyword search serves meanwhile. */
export const KbIndexReasonSchema = z.enum(['new', 'switch']);

export const KbStatsSchema = z.object({
  docs: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  embedded: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  byTier: z.record(KbTierSchema, z.number().int().nonnegative()),
  bySource: z.object({ hub: z.number().int().nonnegative(), import: z.number().int().nonnegative() }),
  version: z.number().int().nonnegative(),
  model: z.object({
    status: z.enum(['off', 'loading', 'ready', 'failed']),
    name: z.string().nullable(),
    dim: z.number().int().positive().nullable(),
    error: z.string().nullable(),
  }),
  embeddedThisSession: z.number().int().nonnegative(),
  /** Background embedding under way (new chunks, or every chunk after a model switch), else null. */
  indexing: z
    .object({
      reason: KbIndexReasonSchema,
      model: z.string(),
      done: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
      etaMs: z.number().nonnegative().nullable(),
    })
    .nullable(),
  /** Which model the stored vectors belong to (its fingerprint), null before any. */
  vectorsBy: z.string().nullable(),
});

export const KbProgressSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('import'), file: z.string(), done: z.number().int(), total: z.number().int() }),
  z.object({
    phase: z.literal('index'),
    done: z.number().int(),
    total: z.number().int(),
    reason: KbIndexReasonSchema,
    model: z.string(),
    /** Estimated time left from the measured rate; null until a rate is known. */
    etaMs: z.number().nonnegative().nullable(),
  }),
  z.object({
    phase: z.literal('model'),
    file: z.string(),
    loaded: z.number(),
    total: z.number(),
    status: z.string(),
  }),
]);
