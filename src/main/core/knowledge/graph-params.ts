// The HNSW graph's construction parameters, shared by the core (graph-index.ts) and the build
// worker (graph-build-worker.ts) so a graph saved by one is read back with the same settings.
import usearch, { type IndexConfig } from 'usearch';

export interface GraphParams {
  dim: number;
  /** Neighbours per node (M). 16: measured enough at 100k–1M with 400 candidates (ARCHITECTURE.md). */
  connectivity: number;
  /** Beam width while inserting (efConstruction). 64, not 128: half the build time (minutes at 1M). */
  expansionAdd: number;
  /** Beam width while searching (ef); the search asks for this many candidates. */
  expansionSearch: number;
}

export const graphParams = (dim: number, candidates: number): GraphParams => ({
  dim,
  connectivity: 16,
  expansionAdd: 64,
  expansionSearch: candidates,
});

export type Graph = InstanceType<typeof usearch.Index>;

/**
 * Cosine metric over int8-quantised vectors: 512 B per chunk at 512-d (a quarter of f32), and the
 * exact f32 rescoring of the candidates afterwards repairs the quantisation's ranking error.
 */
export function newGraph(p: GraphParams): Graph {
  return new usearch.Index(usearchConfig(p));
}

/** The usearch constructor options (also sent to the build worker, which imports no project file). */
export function usearchConfig(p: GraphParams): IndexConfig {
  return {
    dimensions: p.dim,
    metric: usearch.MetricKind.Cos,
    quantization: usearch.ScalarKind.I8,
    connectivity: p.connectivity,
    expansion_add: p.expansionAdd,
    expansion_search: p.expansionSearch,
    multi: false,
  };
}
