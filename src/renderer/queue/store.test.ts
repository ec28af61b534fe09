import { beforeEach, describe, expect, it } from 'vitest';
import { setApiClient } from '../platform/client';
import { fakeApi, summary } from '../testing/fixtures';
import { useQueue } from './store';

describe('queue slice', () => {
  beforeEach(() => useQueue.getState().reset());

  it('loads tickets.list into the map', async () => {
    setApiClient(
      fakeApi({ 'tickets.list': () => ({ ok: true, data: [summary({ id: 'a' }), summary({ id: 'b' })] }) }),
    );
    await useQueue.getState().load();
    expect(Object.keys(useQueue.getState().byId).sort()).toEqual(['a', 'b']);
    expect(useQueue.getState().loaded).toBe(true);
  });

  it('keeps the error when the list cannot be loaded', async () => {
    setApiClient(
      fakeApi({ 'tickets.list': () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'down' } }) }),
    );
    await useQueue.getState().load();
    expect(useQueue.getState().error?.code).toBe('UNAVAILABLE');
  });

  it('reports whether an upsert is a new ticket, and replaces known ones', () => {
    const q = useQueue.getState();
    expect(q.upsert(summary({ id: 'a', unread: 1 }))).toBe(true);
    expect(useQueue.getState().upsert(summary({ id: 'a', unread: 4 }))).toBe(false);
    expect(useQueue.getState().byId.a?.unread).toBe(4);
  });

  it('removes a ticket and clears the selection if it was selected', () => {
    useQueue.getState().upsert(summary({ id: 'a' }));
    useQueue.getState().select('a');
    useQueue.getState().remove('a');
    expect(useQueue.getState().byId.a).toBeUndefined();
    expect(useQueue.getState().selectedId).toBeNull();
  });

  it('updates the preview from a live message but never with an older one', () => {
    useQueue.getState().upsert(summary({ id: 'a', lastMessageAt: 100, lastMessagePreview: 'old' }));
    useQueue.getState().noteMessage('a', 'newer', { from: 'customer', at: 200 });
    expect(useQueue.getState().byId.a?.lastMessagePreview).toBe('newer');
    useQueue.getState().noteMessage('a', 'stale', { from: 'customer', at: 150 });
    expect(useQueue.getState().byId.a?.lastMessagePreview).toBe('newer');
  });

  it('starts the wait at the first unanswered customer message and ends it with a reply', () => {
    useQueue.getState().upsert(summary({ id: 'a', lastMessageAt: 100, waitingSince: null }));
    useQueue.getState().noteMessage('a', '在吗', { from: 'customer', at: 200 });
    useQueue.getState().noteMessage('a', '快点', { from: 'customer', at: 300 });
    expect(useQueue.getState().byId.a?.waitingSince).toBe(200);
    useQueue.getState().noteMessage('a', '[系统]', { from: 'system', at: 350 });
    expect(useQueue.getState().byId.a?.waitingSince).toBe(200);
    useQueue.getState().noteMessage('a', '亲，在的', { from: 'agent', at: 400 });
    expect(useQueue.getState().byId.a?.waitingSince).toBeNull();
  });

  it('keeps the filter when tickets change', () => {
    useQueue.getState().setCategory('complaint');
    useQueue.getState().setSearch('退款');
    useQueue.getState().upsert(summary({ id: 'a' }));
    expect(useQueue.getState().filter).toEqual({ category: 'complaint', search: '退款' });
  });
});
