// A queue row (TicketSummary) from a stored ticket row and the agent's local work on it. Reads only
// clear fields (nickname, VIP level, spend), so the queue never decrypts PII.
import type { LocalWork, TicketSummary } from '../../../shared/api';
import type { Ticket, TicketStatus } from '../../../shared/domain';
import type { MessageBrief } from '../../../shared/message-brief';
import { triage } from '../../../shared/triage';

/** A row of the tickets table: the contract object as JSON plus the columns sorted and filtered on. */
export interface TicketRow {
  id: string;
  data: string;
  status: TicketStatus;
  priority: number;
  sla_due_at: number;
  created_at: number;
  last_message_at: number;
  last_preview: string;
  last_brief: string | null;
  unread: number;
  first_response_at: number | null;
  opened_at: number | null;
  messages_sent: number;
  waiting_since: number | null;
}

export function summaryOf(row: TicketRow, local: LocalWork): TicketSummary {
  const header = JSON.parse(row.data) as Omit<Ticket, 'messages'>;
  const priority = local.priority ?? row.priority;
  return {
    id: row.id,
    customerId: header.customer.id,
    customerNickname: header.customer.nickname,
    intent: header.intent,
    sentiment: header.sentiment,
    priority,
    status: row.status,
    createdAt: row.created_at,
    slaDueAt: row.sla_due_at,
    lastMessagePreview: row.last_preview,
    ...(row.last_brief ? { lastMessageBrief: JSON.parse(row.last_brief) as MessageBrief } : {}),
    lastMessageAt: row.last_message_at,
    unread: row.unread,
    waitingSince: row.waiting_since,
    tags: [...new Set([...header.tags, ...local.tags])],
    triage: triage(
      {
        intent: header.intent,
        priority,
        slaDueAt: row.sla_due_at,
        sentimentScore: header.sentiment.score,
        vipLevel: header.customer.vipLevel,
        totalSpent: header.customer.totalSpent,
      },
      Date.now(),
    ),
  };
}
