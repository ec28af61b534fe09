// One indexing step of KnowledgeService: how many pending chunks it reads, and how their passage
// vectors are asked of the worker. Split from index.ts.
import { BULK_BATCH_SIZE, type Embedder } from './embedder';

/**
 * Chunks read per indexing step: few enough that progress and a model change are seen quickly,
 * many enough that the SQLite read and write per step are small next to the model's work.
 */
export const INDEX_STEP = 256;

/**
 * Passage vectors in input order, asked of the worker BULK_BATCH_SIZE texts per round trip. The worker
 * embeds each text alone (embed-worker.ts: the int8 model's vectors depended on their batch), so the
 * order texts are sent in changes no vector and wastes nothing on padding: they are not sorted.
 */
export async function embedInBatches(embedder: Embedder, texts: string[]): Promise<Float32Array[]> {
  const parts: Promise<Float32Array[]>[] = [];
  for (let i = 0; i < texts.length; i += BULK_BATCH_SIZE)
    parts.push(embedder.embedPassages(texts.slice(i, i + BULK_BATCH_SIZE)));
  return (await Promise.all(parts)).flat();
}
