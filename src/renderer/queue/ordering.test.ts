import { describe, expect, it } from 'vitest';
import { summary } from '../testing/fixtures';
import { compareTickets, moveSelection, totalUnread, visibleTickets } from './ordering';
import { effectiveOrder } from './useVisibleTickets';

const ALL = { category: 'all', search: '' } as const;

describe('queue ordering', () => {
  it('puts the most urgent priority first, then the nearest SLA deadline', () => {
    const list = visibleTickets(
      [
        summary({ id: 'low-soon', priority: 4, slaDueAt: 10 }),
        summary({ id: 'p1-late', priority: 1, slaDueAt: 9_000 }),
        summary({ id: 'p1-soon', priority: 1, slaDueAt: 1_000 }),
        summary({ id: 'p2', priority: 2, slaDueAt: 5 }),
      ],
      ALL,
    );
    expect(list.map((t) => t.id)).toEqual(['p1-soon', 'p1-late', 'p2', 'low-soon']);
  });

  it('puts tickets parked as 待跟进 (SLA paused) after the ones still counting', () => {
    const list = visibleTickets(
      [
        summary({ id: 'parked-p1', priority: 1, slaDueAt: 1, status: 'pending' }),
        summary({ id: 'p3', priority: 3, slaDueAt: 9_000 }),
      ],
      ALL,
    );
    expect(list.map((t) => t.id)).toEqual(['p3', 'parked-p1']);
  });

  it('breaks full ties deterministically (creation time, then id)', () => {
    const a = summary({ id: 'a', createdAt: 5 });
    const b = summary({ id: 'b', createdAt: 5 });
    const older = summary({ id: 'z', createdAt: 1 });
    expect([b, a, older].sort(compareTickets).map((t) => t.id)).toEqual(['z', 'a', 'b']);
  });

  it('hides closed tickets but keeps pending ones', () => {
    const list = visibleTickets(
      [
        summary({ id: 'r', status: 'resolved' }),
        summary({ id: 'p', status: 'pending' }),
        summary({ id: 'x', status: 'returned_to_bot' }),
      ],
      ALL,
    );
    expect(list.map((t) => t.id)).toEqual(['p']);
  });
});

describe('queue filtering', () => {
  const tickets = [
    summary({ id: 'c1', intent: 'quality_complaint', customerNickname: '愤怒的小鸟' }),
    summary({ id: 'l1', intent: 'tracking', lastMessagePreview: '快递三天没动了' }),
    summary({ id: 'p1', intent: 'size_advice', tags: ['VIP'] }),
  ];

  it('filters by intent category', () => {
    expect(visibleTickets(tickets, { category: 'complaint', search: '' }).map((t) => t.id)).toEqual(['c1']);
    expect(visibleTickets(tickets, { category: 'logistics', search: '' }).map((t) => t.id)).toEqual(['l1']);
  });

  it('searches nickname, preview, intent names in both languages and tags, case-insensitively', () => {
    const ids = (search: string) => visibleTickets(tickets, { category: 'all', search }).map((t) => t.id);
    expect(ids('小鸟')).toEqual(['c1']);
    expect(ids('快递')).toEqual(['l1']);
    expect(ids('尺码')).toEqual(['p1']);
    expect(ids('size ADVICE')).toEqual(['p1']);
    expect(ids('vip')).toEqual(['p1']);
    expect(ids('   ')).toHaveLength(3);
  });

  it('combines category and search', () => {
    expect(visibleTickets(tickets, { category: 'presale', search: '快递' })).toEqual([]);
  });
});

describe('keyboard selection', () => {
  const ids = ['a', 'b', 'c'];
  it('starts at the top going down and at the bottom going up', () => {
    expect(moveSelection(ids, null, 1)).toBe('a');
    expect(moveSelection(ids, null, -1)).toBe('c');
  });
  it('moves and clamps at both ends', () => {
    expect(moveSelection(ids, 'a', 1)).toBe('b');
    expect(moveSelection(ids, 'c', 1)).toBe('c');
    expect(moveSelection(ids, 'a', -1)).toBe('a');
  });
  it('recovers when the selected ticket was filtered away, and handles an empty queue', () => {
    expect(moveSelection(ids, 'gone', 1)).toBe('a');
    expect(moveSelection([], 'a', 1)).toBeNull();
  });
});

it('counts unread only on open tickets', () => {
  expect(
    totalUnread([
      summary({ id: 'a', unread: 2 }),
      summary({ id: 'b', unread: 5, status: 'resolved' }),
      summary({ id: 'c', unread: 1 }),
    ]),
  ).toBe(3);
});

describe('triage order', () => {
  const triaged = (id: string, score: number, priority = 2) =>
    summary({
      id,
      priority,
      triage: { score, factors: { sla: score, severity: 0, sentiment: 0, priority: 0, value: 0 } },
    });

  it('ranks by triage score when asked, whatever the priority', () => {
    const list = visibleTickets(
      [triaged('calm-p1', 10, 1), triaged('angry-p3', 70, 3), triaged('mid-p2', 40)],
      ALL,
      'triage',
    );
    expect(list.map((t) => t.id)).toEqual(['angry-p3', 'mid-p2', 'calm-p1']);
  });

  it('orders by triage automatically only while offline', () => {
    expect(effectiveOrder('auto', 'offline')).toBe('triage');
    expect(effectiveOrder('auto', 'online')).toBe('priority');
    expect(effectiveOrder('priority', 'offline')).toBe('priority');
  });

  it('orders by the longest unanswered wait, answered customers last in the hub’s order', () => {
    const list = [
      summary({ id: 'answered-urgent', priority: 1, waitingSince: null }),
      summary({ id: 'waiting-short', priority: 4, waitingSince: 9_000 }),
      summary({ id: 'waiting-long', priority: 4, waitingSince: 1_000 }),
      summary({ id: 'answered-low', priority: 4, waitingSince: null }),
    ];
    expect(visibleTickets(list, { category: 'all', search: '' }, 'waiting').map((t) => t.id)).toEqual([
      'waiting-long',
      'waiting-short',
      'answered-urgent',
      'answered-low',
    ]);
  });
});
