// What was decrypted from the store, kept by the stored text it came from. Reading a ticket opens the
// customer's sealed name, phone and address and every sealed message (SM4-GCM in JavaScript), and
// opening one ticket reads it several times (the conversation, the guard's check of what the AI
// promised, the suggestions, the marketing offers): most of tickets.get's time, measured. A hit needs
// the stored text to be exactly the one decrypted, so any write is a miss. The plaintext stays in this
// process's memory only, as it does anyway while a ticket is handled; `copy` gives each hit its own
// copy of a mutable value, so a caller editing what it got cannot change the cache.

export class OpenedCache<T> {
  private readonly entries = new Map<string, { stored: string; value: T }>();

  constructor(
    private readonly max: number,
    private readonly copy: (value: T) => T = (v) => v,
  ) {}

  get(id: string, stored: string): T | undefined {
    const hit = this.entries.get(id);
    if (!hit || hit.stored !== stored) return undefined;
    this.entries.delete(id); // most recently used last
    this.entries.set(id, hit);
    return this.copy(hit.value);
  }

  set(id: string, stored: string, value: T): void {
    this.entries.delete(id);
    this.entries.set(id, { stored, value: this.copy(value) });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}
