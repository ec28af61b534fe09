import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Suggestion } from '../../shared/domain';
import { useConversation } from '../conversation/store';
import { setApiClient } from '../platform/client';
import { fakeApi, textMessage, ticket } from '../testing/fixtures';
import { DRAFT_SAVE_DELAY_MS, insertAt, topSuggestions, useAssist } from './store';

const sug = (id: string, score: number): Suggestion => ({
  id,
  text: id,
  source: 'upstream_ai',
  score,
  reason: '',
});

it('topSuggestions returns the three best by score', () => {
  expect(
    topSuggestions([sug('a', 0.2), sug('b', 0.9), sug('c', 0.5), sug('d', 0.7)]).map((s) => s.id),
  ).toEqual(['b', 'd', 'c']);
});

describe('insertAt', () => {
  it('replaces an empty or blank draft', () => {
    expect(insertAt('  ', '您好', 0, 0)).toEqual({ value: '您好', caret: 2 });
  });
  it('inserts at the caret or over the selection', () => {
    expect(insertAt('ab', 'X', 1, 1)).toEqual({ value: 'aXb', caret: 2 });
    expect(insertAt('abcd', 'X', 1, 3)).toEqual({ value: 'aXd', caret: 2 });
  });
});

describe('sending', () => {
  beforeEach(async () => {
    useAssist.setState({ drafts: {}, sendingId: null, sendError: null });
    setApiClient(
      fakeApi({
        'tickets.get': () => ({ ok: true, data: ticket('t1') }),
        'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
      }),
    );
    await useConversation.getState().open('t1');
  });

  it('sends the trimmed draft as text, appends the answer and clears the draft', async () => {
    const api = fakeApi({
      'tickets.reply': () => ({ ok: true, data: { message: textMessage('r1', 10, { from: 'agent' }) } }),
    });
    setApiClient(api);
    useAssist.getState().setDraft('t1', '  您好  ');
    expect(await useAssist.getState().send('t1')).toBe(true);
    expect(api.calls.find((c) => c.method === 'tickets.reply')?.input).toEqual({
      ticketId: 't1',
      body: { kind: 'text', text: '您好' },
    });
    expect(useConversation.getState().messages.map((m) => m.id)).toEqual(['r1']);
    expect(useAssist.getState().drafts.t1).toBeUndefined();
  });

  it('keeps the draft and reports the error when sending fails', async () => {
    setApiClient(
      fakeApi({
        'tickets.reply': () => ({ ok: false, error: { code: 'BAD_REQUEST', message: 'too long' } }),
      }),
    );
    useAssist.getState().setDraft('t1', '您好');
    expect(await useAssist.getState().send('t1')).toBe(false);
    expect(useAssist.getState().drafts.t1).toBe('您好');
    expect(useAssist.getState().sendError?.error.code).toBe('BAD_REQUEST');
  });

  it('does not send an empty draft', async () => {
    const api = fakeApi({});
    setApiClient(api);
    expect(await useAssist.getState().send('t1')).toBe(false);
    expect(api.calls).toHaveLength(0);
  });
});

describe('draft persistence', () => {
  beforeEach(() => {
    useAssist.setState({ drafts: {}, sendingId: null, sendError: null });
  });

  it('saves the draft to the core once typing pauses', async () => {
    vi.useFakeTimers();
    try {
      const api = fakeApi({ 'tickets.saveDraft': () => ({ ok: true, data: { savedAt: 1 } }) });
      setApiClient(api);
      useAssist.getState().setDraft('t1', '您');
      useAssist.getState().setDraft('t1', '您好');
      await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS + 10);
      expect(api.calls).toEqual([{ method: 'tickets.saveDraft', input: { ticketId: 't1', draft: '您好' } }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('restores a saved draft, but never over one being edited', async () => {
    setApiClient(
      fakeApi({
        'tickets.local': () => ({
          ok: true,
          data: { draft: '未发送的草稿', note: '', tags: [], priority: null, savedAt: 1 },
        }),
      }),
    );
    await useAssist.getState().loadDraft('t1');
    expect(useAssist.getState().drafts.t1).toBe('未发送的草稿');
    useAssist.setState({ drafts: { t2: 'typing' } });
    await useAssist.getState().loadDraft('t2');
    expect(useAssist.getState().drafts.t2).toBe('typing');
  });

  it('does not let a pending save resurrect a draft that was just sent', async () => {
    vi.useFakeTimers();
    try {
      const api = fakeApi({
        'tickets.saveDraft': () => ({ ok: true, data: { savedAt: 1 } }),
        'tickets.reply': () => ({ ok: true, data: { message: textMessage('r1', 10, { from: 'agent' }) } }),
      });
      setApiClient(api);
      useAssist.getState().setDraft('t1', '您好');
      await useAssist.getState().send('t1');
      await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS + 10);
      // (the conversation also asks which replies are still in the outbox; that is not a save)
      expect(api.calls.map((c) => c.method).filter((m) => m !== 'tickets.delivery')).toEqual([
        'guard.check',
        'tickets.reply',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('pre-send guard and suggestion feedback', () => {
  const warning = (severity: 'low' | 'medium' | 'high') => ({
    code: 'promise',
    severity,
    reason: '承诺超出政策',
    start: 0,
    end: 2,
    excerpt: '包退',
  });

  beforeEach(async () => {
    useAssist.setState({ drafts: {}, sendingId: null, sendError: null, inserted: {}, guard: null });
    setApiClient(
      fakeApi({
        'tickets.get': () => ({ ok: true, data: ticket('t1') }),
        'tickets.markRead': () => ({ ok: true, data: { unread: 0 } }),
      }),
    );
    await useConversation.getState().open('t1');
  });

  it('holds a reply with a blocking warning until the agent sends anyway', async () => {
    const api = fakeApi({
      'guard.check': () => ({ ok: true, data: { warnings: [warning('high')] } }),
      'tickets.reply': () => ({ ok: true, data: { message: textMessage('r1', 10, { from: 'agent' }) } }),
    });
    setApiClient(api);
    useAssist.getState().setDraft('t1', '包退包换');
    expect(await useAssist.getState().send('t1')).toBe(false);
    expect(useAssist.getState().guard?.warnings).toHaveLength(1);
    expect(api.calls.some((c) => c.method === 'tickets.reply')).toBe(false);
    expect(await useAssist.getState().send('t1', { force: true })).toBe(true);
    expect(useAssist.getState().guard).toBeNull();
  });

  it('lets low-severity findings through, and forgets warnings once the draft is edited', async () => {
    setApiClient(fakeApi({ 'guard.check': () => ({ ok: true, data: { warnings: [warning('medium')] } }) }));
    useAssist.getState().setDraft('t1', 'x');
    await useAssist.getState().send('t1');
    expect(useAssist.getState().guard).not.toBeNull();
    useAssist.getState().setDraft('t1', 'xy');
    expect(useAssist.getState().guard).toBeNull();

    setApiClient(
      fakeApi({
        'guard.check': () => ({ ok: true, data: { warnings: [warning('low')] } }),
        'tickets.reply': () => ({ ok: true, data: { message: textMessage('r2', 11, { from: 'agent' }) } }),
      }),
    );
    expect(await useAssist.getState().send('t1')).toBe(true);
  });

  it('reports inserted suggestions as sent with the final text, once', async () => {
    const api = fakeApi({
      'assist.event': () => ({ ok: true, data: { recorded: true, editDistance: 3 } }),
      'tickets.reply': () => ({ ok: true, data: { message: textMessage('r3', 12, { from: 'agent' }) } }),
    });
    setApiClient(api);
    useAssist.getState().noteInserted('t1', 's1');
    useAssist.getState().noteInserted('t1', 's1');
    useAssist.getState().setDraft('t1', '您好，已为您处理');
    await useAssist.getState().send('t1');
    const events = api.calls.filter((c) => c.method === 'assist.event').map((c) => c.input);
    expect(events).toEqual([
      { ticketId: 't1', suggestionId: 's1', event: 'inserted' },
      { ticketId: 't1', suggestionId: 's1', event: 'sent', finalText: '您好，已为您处理' },
    ]);
    expect(useAssist.getState().inserted.t1).toBeUndefined();
  });
});
