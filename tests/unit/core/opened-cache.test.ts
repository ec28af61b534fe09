import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/database';
import { OpenedCache } from '../../../src/main/core/tickets/opened-cache';
import { TicketStore } from '../../../src/main/core/tickets/ticket-store';
import { textMessage, ticket } from '../../support/fixtures';

describe('OpenedCache', () => {
  it('answers only for the same stored text and forgets the least recently used', () => {
    const cache = new OpenedCache<string>(2);
    cache.set('a', 'sealed-a', 'plain-a');
    cache.set('b', 'sealed-b', 'plain-b');
    expect(cache.get('a', 'sealed-a')).toBe('plain-a');
    expect(cache.get('a', 'sealed-a2')).toBeUndefined(); // rewritten since
    cache.set('c', 'sealed-c', 'plain-c'); // b is the oldest now
    expect(cache.get('b', 'sealed-b')).toBeUndefined();
    expect(cache.get('a', 'sealed-a')).toBe('plain-a');
    expect(cache.get('c', 'sealed-c')).toBe('plain-c');
  });

  it('hands out copies when told how to copy', () => {
    const cache = new OpenedCache<{ n: number[] }>(4, structuredClone);
    const value = { n: [1] };
    cache.set('x', 's', value);
    value.n.push(2);
    const got = cache.get('x', 's')!;
    got.n.push(3);
    expect(cache.get('x', 's')).toEqual({ n: [1] });
  });
});

describe('TicketStore reads through the opened cache', () => {
  it('sees every write, and a caller editing what it read changes nothing stored', () => {
    const store = new TicketStore(openDatabase(':memory:'));
    const t = ticket({ id: 't-cache' });
    t.messages.push(textMessage(t.id, '我的电话 13812345678，地址 浙江省杭州市西湖区文三路 100 号'));
    store.upsertTicket(t);
    const first = store.get(t.id)!;
    expect(first).toEqual(t);
    first.customer.name = 'edited by a caller';
    const sealed = first.messages[1]!;
    if (sealed.kind === 'text') sealed.text = 'edited';
    expect(store.get(t.id)).toEqual(t);

    expect(store.setStatus(t.id, 'pending')).toBe(true);
    expect(store.get(t.id)!.status).toBe('pending');
    expect(store.has(t.id)).toBe(true);
    expect(store.has('t-unknown')).toBe(false);
  });
});
