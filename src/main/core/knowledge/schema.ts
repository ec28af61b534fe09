// Knowledge tables (feature 'knowledge' in schema_migrations).
// Vectors live in kb_vectors (f32 + bit code per chunk, see vector-index.ts); its width is a
// property of the model (kb_meta vec_dim), so a model change empties it rather than altering it.
import type { Migration } from '../db/database';
import { migrateFromVec0 } from './vector-index';

export const KNOWLEDGE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'docs, chunks, tags, fts5, meta',
    up: (db) => {
      db.exec(`
        CREATE TABLE kb_docs (
          id TEXT PRIMARY KEY,
          tier TEXT NOT NULL CHECK (tier IN ('general','industry','merchant')),
          title TEXT NOT NULL,
          body TEXT NOT NULL,
          tags TEXT NOT NULL DEFAULT '[]',
          version INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          content_hash TEXT NOT NULL,
          -- 'hub' docs come from sync (and may be deleted by it); 'import' docs are the merchant's own files.
          source TEXT NOT NULL CHECK (source IN ('hub','import')),
          source_name TEXT
        );
        CREATE TABLE kb_doc_tags (
          doc_id TEXT NOT NULL REFERENCES kb_docs(id) ON DELETE CASCADE,
          tag TEXT NOT NULL,
          PRIMARY KEY (tag, doc_id)
        );
        CREATE TABLE kb_chunks (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          doc_id TEXT NOT NULL REFERENCES kb_docs(id) ON DELETE CASCADE,
          ord INTEGER NOT NULL,
          text TEXT NOT NULL,
          -- sha256 of what gets embedded (title + chunk text): unchanged hash = keep the vector.
          hash TEXT NOT NULL,
          tier TEXT NOT NULL,
          -- fingerprint of the model that produced this chunk's vector; NULL = waiting to be embedded.
          embedded_by TEXT
        );
        CREATE INDEX kb_chunks_doc ON kb_chunks(doc_id, ord);
        CREATE INDEX kb_chunks_pending ON kb_chunks(embedded_by);
        CREATE VIRTUAL TABLE kb_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1);
        CREATE TABLE kb_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      `);
    },
  },
  {
    version: 2,
    name: 'kb_doc_tags by doc',
    // Replacing a doc's tags deletes by doc_id; without this index that is a full scan per upsert,
    // which made bulk indexing quadratic (816 chunks/s at 100k in bench/knowledge.ts).
    up: (db) => db.exec('CREATE INDEX IF NOT EXISTS kb_doc_tags_doc ON kb_doc_tags(doc_id)'),
  },
  {
    version: 3,
    name: 'kb_vectors (f32 + centred bit code) replaces the sqlite-vec table',
    up: (db) => {
      db.exec(`
        CREATE TABLE IF NOT EXISTS kb_vectors (
          chunk_id INTEGER PRIMARY KEY,
          tier TEXT NOT NULL,
          code BLOB NOT NULL,
          vector BLOB NOT NULL
        );
      `);
      migrateFromVec0(db); // an existing index keeps its vectors
    },
  },
];
