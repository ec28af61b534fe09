import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiRouter, type ApiHandlers } from '../../../src/main/core/api/router';

function handlers(over: Partial<ApiHandlers> = {}): ApiHandlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  return new Proxy(over, { get: (t, k) => (t as Record<string | symbol, unknown>)[k] ?? unused }) as ApiHandlers;
}

describe('API router', () => {
  it('refuses an unknown method and a malformed input without calling a handler', async () => {
    const get = vi.fn();
    const router = createApiRouter(handlers({ 'tickets.get': get }));
    const unknown = await router.dispatch('tickets.delete_everything', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const bad = await router.dispatch('tickets.get', { ticketId: ['x'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(get).not.toHaveBeenCalled();
  });

  it('keeps serving after a handler fails, and passes ApiError codes through', async () => {
    const router = createApiRouter(
      handlers({
        'tickets.get': ({ ticketId }) => {
          if (ticketId === 'missing') throw new ApiError('NOT_FOUND', 'no such ticket');
          throw new Error('disk on fire');
        },
        'tickets.list': () => [],
      }),
    );
    expect(await router.dispatch('tickets.get', { ticketId: 'missing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await router.dispatch('tickets.get', { ticketId: 'x' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await router.dispatch('tickets.list', {})).toEqual({ ok: true, data: [] });
  });
});

describe('API router priority', () => {
  it('answers a call for the screen before a fill-in call that arrived first', async () => {
    const order: string[] = [];
    const router = createApiRouter(
      handlers({
        'guard.aiPromises': () => {
          order.push('aiPromises');
          return { promises: [] };
        },
        'tickets.get': () => {
          order.push('get');
          throw new ApiError('NOT_FOUND', 'none');
        },
      }),
    );
    const later = router.dispatch('guard.aiPromises', { ticketId: 't1' });
    const first = router.dispatch('tickets.get', { ticketId: 't1' });
    await Promise.all([later, first]);
    expect(order).toEqual(['get', 'aiPromises']);
  });
});
