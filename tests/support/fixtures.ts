// Builders for valid contract objects, so tests state only what matters to them.
import type { Message, Outcome, Ticket } from '../../src/shared/domain';

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

export function textMessage(ticketId: string, text: string, over: Partial<Message> = {}): Message {
  return { id: nextId('m'), ticketId, from: 'customer', at: Date.now(), kind: 'text', text, ...over } as Message;
}

export function ticket(over: Partial<Ticket> = {}): Ticket {
  const id = over.id ?? nextId('t');
  const now = Date.now();
  return {
    id,
    channel: 'taobao',
    customer: {
      id: nextId('c'),
      nickname: '小鹿买买买',
      name: '王小丽',
      phone: '13812345678',
      address: '浙江省杭州市西湖区文三路 100 号',
      city: '杭州',
      ageBand: '25-34',
      vipLevel: 3,
      orderCount: 12,
      totalSpent: 3560,
      tags: ['老客'],
    },
    orders: [],
    intent: 'tracking',
    intentConfidence: 0.91,
    sentiment: { label: 'negative', score: -0.4 },
    priority: 2,
    status: 'assigned',
    escalationReason: '顾客连续两次要求人工',
    messages: [textMessage(id, '我的快递三天没动了')],
    suggestions: [],
    recommendations: [],
    aiActions: [],
    tags: [],
    createdAt: now,
    slaDueAt: now + 5 * 60_000,
    ...over,
  };
}

/**
 * An agent's outcome for a ticket, neutral in everything a test does not name (resolved, nothing
 * suggested or sent, no CSAT), so each test states only the fields it is about.
 */
export function outcome(
  over: Pick<Outcome, 'idempotencyKey' | 'ticketId' | 'agentId' | 'intent'> & Partial<Outcome>,
): Outcome {
  return {
    resolution: 'resolved',
    handleTimeMs: 1,
    firstResponseMs: null,
    messagesSent: 0,
    suggestionEvents: [],
    marketingEvents: [],
    conflictIds: [],
    tags: [],
    csat: null,
    note: '',
    closedAt: Date.now(),
    ...over,
  };
}

