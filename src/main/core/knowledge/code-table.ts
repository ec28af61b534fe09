// The vector index's in-memory side (vector-index.ts): the bit codes of every chunk in parallel
// arrays, and the heap that keeps the best scores of a scan.

/**
 * The in-memory side of the index: parallel arrays, swap-remove on delete. Each code is stored in a
 * slot of `stride` bytes, rounded up to whole 32-bit words (zero padding), so the scan reads one word
 * per 4 code bytes instead of one byte at a time.
 */
export class CodeTable {
  ids = new Int32Array(1024);
  tiers = new Uint8Array(1024);
  codes: Uint8Array;
  words: Uint32Array;
  size = 0;
  readonly stride: number;
  readonly slotOf = new Map<number, number>();

  constructor(readonly bytes: number) {
    this.stride = Math.ceil(bytes / 4) * 4;
    this.codes = new Uint8Array(1024 * this.stride);
    this.words = new Uint32Array(this.codes.buffer);
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const ids = new Int32Array(cap);
    ids.set(this.ids);
    const tiers = new Uint8Array(cap);
    tiers.set(this.tiers);
    const codes = new Uint8Array(cap * this.stride);
    codes.set(this.codes);
    Object.assign(this, { ids, tiers, codes, words: new Uint32Array(codes.buffer) });
  }

  put(id: number, tier: number, code: Uint8Array): void {
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      if (this.size === this.ids.length) this.grow();
      slot = this.size++;
      this.slotOf.set(id, slot);
    }
    this.ids[slot] = id;
    this.tiers[slot] = tier;
    this.codes.set(code.subarray(0, this.bytes), slot * this.stride);
  }

  delete(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    const last = --this.size;
    if (slot !== last) {
      const moved = this.ids[last]!;
      this.ids[slot] = moved;
      this.tiers[slot] = this.tiers[last]!;
      this.codes.copyWithin(slot * this.stride, last * this.stride, (last + 1) * this.stride);
      this.slotOf.set(moved, slot);
    }
  }

  setTier(id: number, tier: number): void {
    const slot = this.slotOf.get(id);
    if (slot !== undefined) this.tiers[slot] = tier;
  }
}

/** Min-heap of (score, slot) keeping the n best scores seen. */
export function topSlots(scores: Float32Array, count: number, n: number): Int32Array {
  const heapScore = new Float32Array(n);
  const heapSlot = new Int32Array(n);
  let size = 0;
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && heapScore[l]! < heapScore[m]!) m = l;
      if (r < size && heapScore[r]! < heapScore[m]!) m = r;
      if (m === i) return;
      [heapScore[i], heapScore[m]] = [heapScore[m]!, heapScore[i]!];
      [heapSlot[i], heapSlot[m]] = [heapSlot[m]!, heapSlot[i]!];
      i = m;
    }
  };
  for (let s = 0; s < count; s++) {
    const x = scores[s]!;
    if (x === -Infinity) continue;
    if (size < n) {
      let i = size++;
      heapScore[i] = x;
      heapSlot[i] = s;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heapScore[p]! <= heapScore[i]!) break;
        [heapScore[i], heapScore[p]] = [heapScore[p]!, heapScore[i]!];
        [heapSlot[i], heapSlot[p]] = [heapSlot[p]!, heapSlot[i]!];
        i = p;
      }
    } else if (x > heapScore[0]!) {
      heapScore[0] = x;
      heapSlot[0] = s;
      siftDown(0);
    }
  }
  return heapSlot.slice(0, size);
}
