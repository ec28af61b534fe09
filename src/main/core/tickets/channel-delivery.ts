// What the customer's channel reported about the agent's messages (delivered, or failed and why), as
// the hub relays it in `ticket:delivery`. Its own table and migration feature, beside the tickets.
import type { Db } from '../db/database';
import { migrate, prepared } from '../db/database';

export interface ChannelDelivery {
  clientMsgId: string;
  status: 'delivered' | 'failed';
  reason: string | null;
  at: number;
}

export class ChannelDeliveries {
  constructor(private readonly db: Db) {
    migrate(db, 'channel-delivery', [
      {
        version: 1,
        name: 'channel delivery reports per agent message',
        up: (d) =>
          void d.exec(`CREATE TABLE channel_deliveries (
            ticket_id TEXT NOT NULL, client_msg_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, at INTEGER NOT NULL,
            PRIMARY KEY (ticket_id, client_msg_id)
          ) WITHOUT ROWID`),
      },
    ]);
  }

  /** A later report replaces an earlier one (a failed message the channel delivered on retry). */
  record(ticketId: string, d: ChannelDelivery): boolean {
    const r = prepared(
      this.db,

      `INSERT INTO channel_deliveries (ticket_id, client_msg_id, status, reason, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(ticket_id, client_msg_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, at = excluded.at
         WHERE excluded.at >= channel_deliveries.at`,
    ).run(ticketId, d.clientMsgId, d.status, d.reason, d.at);
    return r.changes > 0;
  }

  forTicket(ticketId: string): ChannelDelivery[] {
    return (
      prepared(
        this.db,
        'SELECT client_msg_id, status, reason, at FROM channel_deliveries WHERE ticket_id = ?',
      ).all(ticketId) as {
        client_msg_id: string;
        status: 'delivered' | 'failed';
        reason: string | null;
        at: number;
      }[]
    ).map((r) => ({ clientMsgId: r.client_msg_id, status: r.status, reason: r.reason, at: r.at }));
  }
}
