// Builders for renderer unit tests: valid domain objects with overridable fields, and a fake API
// client that answers from a table and lets a test push events.
import type { ApiClient } from '../../shared/api-client';
import type { ApiEventName, TicketSummary } from '../../shared/api';
import type { Message, Ticket } from '../../shared/domain';
import type { Result } from '../../shared/result';

export function summary(over: Partial<TicketSummary> & { id: string }): TicketSummary {
  return {
    customerId: `cu_${over.id}`,
    customerNickname: `顾客${over.id}`,
    intent: 'tracking',
    sentiment: { label: 'neutral', score: 0 },
    priority: 3,
    status: 'assigned',
    createdAt: 1_000,
    slaDueAt: 600_000,
    lastMessagePreview: '你好',
    lastMessageAt: 1_000,
    unread: 0,
    waitingSince: null,
    tags: [],
    ...over,
  };
}

export function textMessage(id: string, at: number, over: Partial<Message> = {}): Message {
  return { id, ticketId: 't1', from: 'customer', at, kind: 'text', text: `msg ${id}`, ...over } as Message;
}

export function ticket(id: string, messages: Message[] = []): Ticket {
  return {
    id,
    channel: 'taobao',
    customer: {
      id: 'c1',
      nickname: '小明',
      name: '张三',
      phone: '13812341234',
      address: '浙江省杭州市西湖区文三路90号',
      city: '杭州',
      ageBand: '25-34',
      vipLevel: 3,
      orderCount: 12,
      totalSpent: 3456.5,
      tags: [],
    },
    orders: [],
    intent: 'tracking',
    intentConfidence: 0.9,
    sentiment: { label: 'neutral', score: 0 },
    priority: 2,
    status: 'assigned',
    escalationReason: '顾客要求人工',
    messages,
    suggestions: [],
    recommendations: [],
    aiActions: [],
    tags: [],
    createdAt: 0,
    slaDueAt: 600_000,
  };
}

type Handler = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

export interface FakeApi extends ApiClient {
  calls: { method: string; input: unknown }[];
  emit(event: ApiEventName, payload: unknown): void;
}

export function fakeApi(handlers: Record<string, Handler>): FakeApi {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: { method: string; input: unknown }[] = [];
  return {
    calls,
    async call(method, input) {
      calls.push({ method, input });
      const h = handlers[method];
      if (!h) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } } as never;
      return (await h(input)) as never;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  };
}
