import { beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { setApiClient } from '../platform/client';
import { fakeApi, textMessage, ticket } from '../testing/fixtures';
import { useConversation } from './store';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('conversation slice', () => {
  beforeEach(() => useConversation.getState().reset());

  it('opens a ticket, shows its messages and marks it read', async () => {
    const api = fakeApi({
      'tickets.get': () => ({ ok: true, data: ticket('t1', [textMessage('a', 1)]) }),
      'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
    });
    setApiClient(api);
    await useConversation.getState().open('t1');
    expect(useConversation.getState().messages.map((m) => m.id)).toEqual(['a']);
    // The conversation is asked for first: its answer is the one the screen waits for.
    expect(api.calls.map((c) => c.method)).toEqual([
      'tickets.get',
      'tickets.local',
      'tickets.markRead',
      'tickets.delivery',
    ]);
  });

  it("knows which of the agent's replies are still waiting in the outbox or were refused", async () => {
    setApiClient(
      fakeApi({
        'tickets.get': () => ({ ok: true, data: ticket('t1', [textMessage('a', 1)]) }),
        'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
        'tickets.delivery': () => ({ ok: true, data: { pending: ['c1'], refused: ['c2'] } }),
      }),
    );
    await useConversation.getState().open('t1');
    await useConversation.getState().loadDelivery();
    const { delivery } = useConversation.getState();
    expect([...delivery.pending]).toEqual(['c1']);
    expect([...delivery.refused]).toEqual(['c2']);
  });

  it('pages older messages of a long ticket in above the ones shown', async () => {
    let loaded = false;
    setApiClient(
      fakeApi({
        'tickets.get': () => ({
          ok: true,
          data: {
            ...ticket(
              't1',
              loaded ? [textMessage('old', 1), textMessage('new', 2)] : [textMessage('new', 2)],
            ),
            earlierMessages: loaded ? 0 : 1,
          },
        }),
        'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
        'tickets.loadEarlier': () => {
          loaded = true;
          return { ok: true, data: { added: 1, earlierMessages: 0 } };
        },
      }),
    );
    await useConversation.getState().open('t1');
    expect(useConversation.getState().earlierMessages).toBe(1);
    expect(await useConversation.getState().loadEarlier()).toBeNull();
    const s = useConversation.getState();
    expect(s.messages.map((m) => m.id)).toEqual(['old', 'new']);
    expect(s.earlierMessages).toBe(0);
    expect(s.loadingEarlier).toBe(false);
  });

  it('appends live messages once, however often they are delivered', async () => {
    setApiClient(
      fakeApi({
        'tickets.get': () => ({ ok: true, data: ticket('t1', [textMessage('a', 1)]) }),
        'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
      }),
    );
    await useConversation.getState().open('t1');
    const s = useConversation.getState();
    s.receive('t1', textMessage('b', 2));
    s.receive('t1', textMessage('b', 2));
    s.receive('other', textMessage('x', 3));
    expect(useConversation.getState().messages.map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('keeps messages that arrive while the ticket is loading, without duplicating the snapshot', async () => {
    const get = deferred<Result<Ticket>>();
    setApiClient(
      fakeApi({
        'tickets.get': () => get.promise,
        'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
      }),
    );
    const opening = useConversation.getState().open('t1');
    useConversation.getState().receive('t1', textMessage('b', 2));
    useConversation.getState().receive('t1', textMessage('c', 3));
    get.resolve({ ok: true, data: ticket('t1', [textMessage('a', 1), textMessage('b', 2)]) });
    await opening;
    expect(useConversation.getState().messages.map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('ignores a slow answer for a ticket the agent has already left', async () => {
    const slow = deferred<Result<Ticket>>();
    setApiClient(
      fakeApi({
        'tickets.get': (input) =>
          (input as { ticketId: string }).ticketId === 't1' ? slow.promise : { ok: true, data: ticket('t2') },
        'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
      }),
    );
    const first = useConversation.getState().open('t1');
    await useConversation.getState().open('t2');
    slow.resolve({ ok: true, data: ticket('t1', [textMessage('a', 1)]) });
    await first;
    expect(useConversation.getState().ticket?.id).toBe('t2');
  });

  it('shows the load error', async () => {
    setApiClient(
      fakeApi({
        'tickets.get': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no such ticket' } }),
      }),
    );
    await useConversation.getState().open('t9');
    expect(useConversation.getState().error?.code).toBe('NOT_FOUND');
    expect(useConversation.getState().loading).toBe(false);
  });

  it('masks PII again when another ticket is opened', async () => {
    setApiClient(
      fakeApi({
        'tickets.get': (i) => ({ ok: true, data: ticket((i as { ticketId: string }).ticketId) }),
        'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
      }),
    );
    await useConversation.getState().open('t1');
    useConversation.getState().setPiiRevealed(true);
    await useConversation.getState().open('t2');
    expect(useConversation.getState().piiRevealed).toBe(false);
  });

  it('closes the ticket through tickets.close and clears the view; keeps it on failure', async () => {
    let fail = true;
    const api = fakeApi({
      'tickets.get': () => ({ ok: true, data: ticket('t1') }),
      'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
      'tickets.close': () =>
        fail
          ? { ok: false, error: { code: 'CONFLICT', message: 'already closed' } }
          : { ok: true, data: { outcome: {} } },
    });
    setApiClient(api);
    await useConversation.getState().open('t1');
    const err = await useConversation
      .getState()
      .closeTicket({ resolution: 'resolved', note: 'n', tags: ['x'] });
    expect(err?.code).toBe('CONFLICT');
    expect(useConversation.getState().openId).toBe('t1');
    fail = false;
    expect(
      await useConversation.getState().closeTicket({ resolution: 'resolved', note: 'n', tags: ['x'] }),
    ).toBeNull();
    expect(useConversation.getState().openId).toBeNull();
    expect(api.calls.find((c) => c.method === 'tickets.close')?.input).toEqual({
      ticketId: 't1',
      resolution: 'resolved',
      note: 'n',
      tags: ['x'],
    });
  });
});

it("loads and saves the agent's local work for the open ticket", async () => {
  const local = { draft: '', note: '', tags: [], priority: null, savedAt: null };
  const api = fakeApi({
    'tickets.get': () => ({ ok: true, data: ticket('t1') }),
    'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
    'tickets.local': () => ({ ok: true, data: local }),
    'tickets.setLocal': () => ({ ok: true, data: {} }),
  });
  setApiClient(api);
  await useConversation.getState().open('t1');
  await Promise.resolve();
  expect(useConversation.getState().local).toEqual(local);
  expect(await useConversation.getState().saveLocal({ priority: 1, tags: ['加急'] })).toBeNull();
  expect(useConversation.getState().local).toMatchObject({ priority: 1, tags: ['加急'] });
  expect(api.calls.find((c) => c.method === 'tickets.setLocal')?.input).toEqual({
    ticketId: 't1',
    priority: 1,
    tags: ['加急'],
  });
});
