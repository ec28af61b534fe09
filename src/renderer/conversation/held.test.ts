import { beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { setApiClient } from '../platform/client';
import { fakeApi, textMessage, ticket } from '../testing/fixtures';
import { HELD_MAX, HELD_MAX_MESSAGES, hold, isHeld, takeHeld } from './held';
import { useConversation } from './store';
import { prefetchConversation } from './usePrefetchConversations';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const heldOf = (t: Ticket) => ({ ticket: t, messages: t.messages, earlierMessages: 0 });

describe('conversations held by the renderer', () => {
  beforeEach(() => useConversation.getState().reset());

  it('shows a held conversation at once, before the core answers, then keeps the fresh answer', async () => {
    hold(heldOf(ticket('t1', [textMessage('a', 1)])));
    const get = deferred<Result<Ticket>>();
    setApiClient(
      fakeApi({
        'tickets.get': () => get.promise,
        'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
      }),
    );
    const opening = useConversation.getState().open('t1');
    // Synchronously, in the click's own render: no loading state.
    let s = useConversation.getState();
    expect(s.loading).toBe(false);
    expect(s.ticket?.id).toBe('t1');
    expect(s.messages.map((m) => m.id)).toEqual(['a']);
    // A message that arrives while the refresh is in flight is kept.
    s.receive('t1', textMessage('c', 3));
    get.resolve({ ok: true, data: ticket('t1', [textMessage('a', 1), textMessage('b', 2)]) });
    await opening;
    s = useConversation.getState();
    expect(s.messages.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(isHeld('t1')).toBe(false); // on screen now, not held twice
  });

  it('renders nothing again when the fresh answer is what was held', async () => {
    const t1 = { ...ticket('t1', [textMessage('a', 1)]), earlierMessages: 0 };
    hold({ ticket: t1, messages: t1.messages, earlierMessages: 0 });
    setApiClient(
      fakeApi({
        'tickets.get': () => ({ ok: true, data: structuredClone(t1) }),
        'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
      }),
    );
    await useConversation.getState().open('t1');
    expect(useConversation.getState().ticket).toBe(t1);
  });

  it('keeps showing what was held when the refresh fails', async () => {
    hold(heldOf(ticket('t1', [textMessage('a', 1)])));
    setApiClient(
      fakeApi({ 'tickets.get': () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'gone' } }) }),
    );
    await useConversation.getState().open('t1');
    const s = useConversation.getState();
    expect(s.messages.map((m) => m.id)).toEqual(['a']);
    expect(s.error).toBeNull();
  });

  it('holds the conversation the agent leaves, kept live by its messages, forgotten when it changes', async () => {
    setApiClient(
      fakeApi({
        'tickets.get': (i) => ({
          ok: true,
          data: ticket((i as { ticketId: string }).ticketId, [textMessage('a', 1)]),
        }),
        'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
      }),
    );
    await useConversation.getState().open('t1');
    await useConversation.getState().open('t2');
    expect(isHeld('t1')).toBe(true);
    useConversation.getState().receive('t1', textMessage('b', 2));
    expect(takeHeld('t1')?.messages.map((m) => m.id)).toEqual(['a', 'b']);

    await useConversation.getState().open('t3');
    expect(isHeld('t2')).toBe(true);
    useConversation.getState().forget('t2');
    expect(isHeld('t2')).toBe(false);
  });

  it('holds at most a full queue, and no long conversation', () => {
    for (let i = 0; i <= HELD_MAX; i++) hold(heldOf(ticket(`q${i}`)));
    expect(isHeld('q0')).toBe(false); // the least recently held went first
    expect(isHeld(`q${HELD_MAX}`)).toBe(true);
    const long = Array.from({ length: HELD_MAX_MESSAGES + 1 }, (_, i) => textMessage(`m${i}`, i));
    hold(heldOf(ticket('long', long)));
    expect(isHeld('long')).toBe(false);
  });

  it('signing out forgets everything held', () => {
    hold(heldOf(ticket('t1')));
    useConversation.getState().reset();
    expect(isHeld('t1')).toBe(false);
  });
});

describe('fetching a conversation ahead', () => {
  beforeEach(() => useConversation.getState().reset());

  it('holds it once however often it is asked for, and never the ticket on screen', async () => {
    const api = fakeApi({
      'tickets.get': (i) => ({
        ok: true,
        data: ticket((i as { ticketId: string }).ticketId, [textMessage('a', 1)]),
      }),
      'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
    });
    setApiClient(api);
    await Promise.all([prefetchConversation('t1'), prefetchConversation('t1')]);
    expect(isHeld('t1')).toBe(true);
    await prefetchConversation('t1');
    expect(api.calls.filter((c) => c.method === 'tickets.get')).toHaveLength(1);

    await useConversation.getState().open('t2');
    await prefetchConversation('t2');
    expect(isHeld('t2')).toBe(false);
  });

  it('does not put an older answer over what the screen left held meanwhile', async () => {
    const slow = deferred<Result<Ticket>>();
    setApiClient(
      fakeApi({
        'tickets.get': (i) =>
          (i as { ticketId: string }).ticketId === 't1' && !isHeld('t1')
            ? slow.promise
            : { ok: true, data: ticket((i as { ticketId: string }).ticketId) },
        'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
      }),
    );
    const ahead = prefetchConversation('t1');
    const fresh = ticket('t1', [textMessage('a', 1), textMessage('b', 2)]);
    hold(heldOf(fresh));
    slow.resolve({ ok: true, data: ticket('t1', [textMessage('a', 1)]) });
    await ahead;
    expect(takeHeld('t1')?.messages.map((m) => m.id)).toEqual(['a', 'b']);
  });
});
