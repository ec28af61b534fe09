// The lead slice's reads from the hub: a slow answer for a ticket or an intent the lead has already
// left must not overwrite what is on screen, and a failed refresh keeps the last good figures.
import { describe, expect, it } from 'vitest';
import type { TeamMetrics } from '../../shared/api';
import { setApiClient } from '../platform/client';
import { fakeApi, ticket } from '../testing/fixtures';
import { useLead } from './store';

const metrics = (outcomes: number): TeamMetrics => ({
  outcomes,
  adoptionBySource: {},
  marketingConversion: 0,
  avgHandleTimeMs: 0,
  resolutionRateByIntent: {},
  avgFirstResponseMs: null,
  csatAvg: null,
  marketing: { sent: 0, converted: 0 },
  suggestionsBySource: {},
  outcomesByIntent: {},
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('lead slice: preview and metrics', () => {
  it('ignores a preview answer for a ticket the lead has moved away from', async () => {
    const slow = deferred<unknown>();
    setApiClient(
      fakeApi({
        'team.ticket': (input) => {
          const id = (input as { ticketId: string }).ticketId;
          return id === 'slow' ? (slow.promise as never) : { ok: true, data: ticket(id) };
        },
      }),
    );
    const first = useLead.getState().openPreview('slow');
    await useLead.getState().openPreview('fast');
    slow.resolve({ ok: true, data: ticket('slow') });
    await first;
    expect(useLead.getState().preview).toMatchObject({
      ticketId: 'fast',
      loading: false,
      ticket: { id: 'fast' },
    });
    await useLead.getState().openPreview(null);
    expect(useLead.getState().preview).toBeNull();
  });

  it('keeps the last figures when a refresh fails and drops answers for an intent no longer chosen', async () => {
    let fail = false;
    const slow = deferred<unknown>();
    setApiClient(
      fakeApi({
        'team.metrics': (input) => {
          const intent = (input as { intent?: string }).intent;
          if (intent === 'tracking') return slow.promise as never;
          return fail
            ? { ok: false, error: { code: 'UNAVAILABLE', message: 'offline' } }
            : { ok: true, data: metrics(3) };
        },
      }),
    );
    await useLead.getState().loadMetrics(null);
    expect(useLead.getState().metrics.data?.outcomes).toBe(3);
    fail = true;
    await useLead.getState().loadMetrics(null);
    expect(useLead.getState().metrics).toMatchObject({
      data: { outcomes: 3 },
      error: { code: 'UNAVAILABLE' },
    });

    const pending = useLead.getState().loadMetrics('tracking');
    fail = false;
    await useLead.getState().loadMetrics(null); // the lead switched back to all intents
    slow.resolve({ ok: true, data: metrics(99) });
    await pending;
    expect(useLead.getState().metrics).toMatchObject({ intent: null, data: { outcomes: 3 }, error: null });
  });
});
