// Wires the outbox to the session: delivers while online, reports the pending count, and turns what
// the hub refuses into sync conflicts the agent settles (retry or discard) — the API's `sync.*`.
import type { SyncConflict } from '../../../shared/api';
import type { ClientCommandName } from '../../../shared/hub-protocol';
import { fail } from '../../../shared/result';
import { ApiError } from '../api/router';
import type { SyncClient } from '../sync/sync-client';
import type { Outbox, OutboxItem } from './outbox';
import { OutboxSender } from './outbox-sender';

const COMMAND_LABELS: Partial<Record<ClientCommandName, string>> = {
  'ticket:reply': '回复 reply',
  'ticket:outcome': '结单 outcome',
  'ticket:transfer': '转接 transfer',
  'ticket:action': '操作 action',
  'ticket:accept': '接单 accept',
  'ticket:whisper': '组长留言 lead note',
};

export interface OutboxServiceDeps {
  outbox: Outbox;
  sync: () => SyncClient | null;
  onDelivered?: (item: OutboxItem, data: unknown) => void;
  onPendingChange: () => void;
  onConflictsChange: (conflicts: SyncConflict[]) => void;
}

export class OutboxService {
  private readonly sender: OutboxSender;

  constructor(private readonly deps: OutboxServiceDeps) {
    this.sender = new OutboxSender({
      outbox: deps.outbox,
      isOnline: () => deps.sync()?.currentPhase === 'online',
      send: (item) =>
        deps.sync()?.command(item.command, item.payload as never) ??
        Promise.resolve(fail('UNAVAILABLE', 'offline')),
      onDelivered: deps.onDelivered,
      onRejected: () => deps.onConflictsChange(this.conflicts()),
      onChange: deps.onPendingChange,
    });
  }

  get outbox(): Outbox {
    return this.deps.outbox;
  }

  pendingCount(): number {
    return this.deps.outbox.pendingCount();
  }

  /** Call after the transaction that enqueued something has committed, and whenever we come online. */
  flush(): void {
    this.sender.kick();
  }

  conflicts(): SyncConflict[] {
    return this.deps.outbox.rejected().map((item) => ({
      id: item.id,
      command: item.command,
      ticketId: item.ticketId,
      reason: item.lastError ?? 'refused by the hub',
      summary: `${COMMAND_LABELS[item.command] ?? item.command}${item.ticketId ? ` · ${item.ticketId}` : ''}`,
      createdAt: item.createdAt,
    }));
  }

  settle(id: number, action: 'retry' | 'discard'): SyncConflict[] {
    const item = this.deps.outbox.get(id);
    if (!item || item.state !== 'rejected') throw new ApiError('NOT_FOUND', `no sync conflict ${id}`);
    if (action === 'retry') this.deps.outbox.retry(id);
    else this.deps.outbox.remove(id);
    const conflicts = this.conflicts();
    this.deps.onConflictsChange(conflicts);
    this.deps.onPendingChange();
    this.flush();
    return conflicts;
  }

  stop(): void {
    this.sender.stop();
  }
}
