// Small, deterministic linear algebra for the model build: a seeded PRNG, a CSR sparse matrix and a
// randomized truncated SVD (Halko, Martinsson & Tropp 2011). Float64 throughout and fixed iteration
// order, so the same corpus always yields byte-identical weights.

/** mulberry32: tiny seeded PRNG; Math.random would make every build different. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(rand: () => number): () => number {
  return () => {
    const u = Math.max(rand(), 1e-12);
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

export interface Csr {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** Builds CSR from per-row maps (col → value); columns sorted so iteration order is fixed. */
export function csrFromRows(rows: Map<number, number>[], cols: number): Csr {
  let nnz = 0;
  for (const r of rows) nnz += r.size;
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  rows.forEach((r, i) => {
    const entries = [...r.entries()].sort((a, b) => a[0] - b[0]);
    for (const [c, v] of entries) {
      indices[k] = c;
      values[k] = v;
      k++;
    }
    indptr[i + 1] = k;
  });
  return { rows: rows.length, cols, indptr, indices, values };
}

/** Dense matrices are row-major Float64Array with an explicit width. */
type Dense = { data: Float64Array; rows: number; cols: number };

function mulAX(a: Csr, x: Dense): Dense {
  const out = new Float64Array(a.rows * x.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.indptr[i]!; p < a.indptr[i + 1]!; p++) {
      const v = a.values[p]!;
      const base = a.indices[p]! * x.cols;
      for (let j = 0; j < x.cols; j++) out[i * x.cols + j]! += v * x.data[base + j]!;
    }
  }
  return { data: out, rows: a.rows, cols: x.cols };
}

function mulATX(a: Csr, x: Dense): Dense {
  const out = new Float64Array(a.cols * x.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.indptr[i]!; p < a.indptr[i + 1]!; p++) {
      const v = a.values[p]!;
      const base = a.indices[p]! * x.cols;
      for (let j = 0; j < x.cols; j++) out[base + j]! += v * x.data[i * x.cols + j]!;
    }
  }
  return { data: out, rows: a.cols, cols: x.cols };
}

/** Modified Gram-Schmidt on the columns, in place. Degenerate columns become zero. */
function orthonormalize(m: Dense): void {
  const { rows, cols, data } = m;
  for (let j = 0; j < cols; j++) {
    for (let k = 0; k < j; k++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += data[i * cols + j]! * data[i * cols + k]!;
      for (let i = 0; i < rows; i++) data[i * cols + j]! -= dot * data[i * cols + k]!;
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += data[i * cols + j]! ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < rows; i++) data[i * cols + j] = norm > 1e-10 ? data[i * cols + j]! / norm : 0;
  }
}

/** Cyclic Jacobi eigen-decomposition of a small symmetric matrix. Returns eigenvalues and column eigenvectors. */
function jacobiEigen(s: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(s);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - sn * akq;
          a[k * n + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - sn * aqk;
          a[q * n + k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - sn * vkq;
          v[k * n + q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i]!;
  return { values, vectors: v };
}

/**
 * Top-k left singular vectors scaled by sqrt(singular value) (the usual "eigenvalue weighting 0.5"
 * for word vectors, which works better than full-weight U·Σ for similarity).
 */
export function truncatedSvd(a: Csr, k: number, seed = 7, powerIters = 3): Float64Array[] {
  const l = Math.min(k + 10, a.cols, a.rows);
  const g = gaussian(prng(seed));
  const omega: Dense = { data: new Float64Array(a.cols * l), rows: a.cols, cols: l };
  for (let i = 0; i < omega.data.length; i++) omega.data[i] = g();
  let y = mulAX(a, omega);
  orthonormalize(y);
  for (let it = 0; it < powerIters; it++) {
    const z = mulATX(a, y);
    orthonormalize(z);
    y = mulAX(a, z);
    orthonormalize(y);
  }
  const bt = mulATX(a, y); // C×l = (QᵀA)ᵀ
  const gram = new Float64Array(l * l); // B·Bᵀ
  for (let i = 0; i < l; i++) {
    for (let j = i; j < l; j++) {
      let s = 0;
      for (let r = 0; r < bt.rows; r++) s += bt.data[r * l + i]! * bt.data[r * l + j]!;
      gram[i * l + j] = s;
      gram[j * l + i] = s;
    }
  }
  const { values, vectors } = jacobiEigen(gram, l);
  const order = [...values.keys()].sort((i, j) => values[j]! - values[i]! || i - j).slice(0, k);
  const out: Float64Array[] = [];
  for (let r = 0; r < a.rows; r++) {
    const row = new Float64Array(k);
    order.forEach((e, c) => {
      let s = 0;
      for (let j = 0; j < l; j++) s += y.data[r * l + j]! * vectors[j * l + e]!;
      // Σ^0.5 = λ^0.25 since λ = σ².
      row[c] = s * Math.pow(Math.max(values[e]!, 0), 0.25);
    });
    out.push(row);
  }
  return out;
}
