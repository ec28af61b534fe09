// Builds the vector index's HNSW graph (graph-index.ts) off the core's event loop: a 1M-chunk graph
// costs minutes of CPU, and usearch's add() is synchronous. Reads kb_vectors through its own
// read-only connection in pages by chunk id (short read transactions, so the WAL can still be
// checkpointed while it runs), saves the graph to a temporary file and renames it into place. The
// core replays the writes made while it ran (graph-index.ts), so pages read at different moments
// are enough. Loaded by path (graphWorkerFile()), and from source by Node's type stripping, so it
// imports packages only: the graph's settings arrive in the request (graph-params.ts).
import Database from 'better-sqlite3';
import { renameSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import usearch, { type IndexConfig } from 'usearch';

export interface GraphBuildRequest {
  dbFile: string;
  out: string;
  dim: number;
  config: IndexConfig;
  /** usearch threads for add(); 1 leaves the other core to the app. */
  threads: number;
}

export type GraphBuildReply = { ok: true; size: number; ms: number } | { ok: false; error: string };

const PAGE = 8192;

function build({ dbFile, out, dim, config, threads }: GraphBuildRequest): GraphBuildReply {
  const started = performance.now();
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const graph = new usearch.Index(config);
    const page = db
      .prepare('SELECT chunk_id, vector FROM kb_vectors WHERE chunk_id > ? ORDER BY chunk_id LIMIT ?')
      .raw();
    const bytes = dim * 4;
    let after = 0;
    let size = 0;
    for (;;) {
      const rows = page.all(after, PAGE) as [number, Buffer][];
      if (!rows.length) break;
      const keys = new BigUint64Array(rows.length);
      const flat = new Float32Array(rows.length * dim);
      const asBytes = new Uint8Array(flat.buffer);
      let n = 0;
      for (const [id, blob] of rows) {
        after = id;
        if (blob.byteLength !== bytes) continue; // another width: not this model's vector
        keys[n] = BigInt(id);
        asBytes.set(blob, n * bytes);
        n++;
      }
      if (n) graph.add(keys.subarray(0, n), flat.subarray(0, n * dim), threads);
      size += n;
    }
    graph.save(`${out}.tmp`);
    renameSync(`${out}.tmp`, out);
    return { ok: true, size, ms: performance.now() - started };
  } finally {
    db.close();
  }
}

const port = parentPort;
if (port) {
  let reply: GraphBuildReply;
  try {
    reply = build(workerData as GraphBuildRequest);
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
}
