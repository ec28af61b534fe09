// The left pane: the agent's queue, filterable by intent category and text, virtualized so a
// long backlog scrolls smoothly.
import { SearchOutlined } from '@ant-design/icons';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { Alert, Empty, Input, Select, Spin } from 'antd';
import { memo, useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntentCategory } from '../../shared/intents';
import { INTENT_CATEGORY_LABELS } from '../../shared/intents';
import { useConversation } from '../conversation/store';
import { usePrefetchConversations } from '../conversation/usePrefetchConversations';
import { categoryLabel } from '../i18n';
import { useSettings } from '../settings/store';
import type { CategoryFilter, QueueOrder } from './ordering';
import { QueueRow } from './QueueRow';
import { useQueue } from './store';
import { ImportBatchButton } from './ImportBatchButton';
import { useQueueOrder, useVisibleTickets } from './useVisibleTickets';
import { useErrorText } from '../components/useErrorText';

const ROW_HEIGHT = 84;
const CATEGORIES = Object.keys(INTENT_CATEGORY_LABELS) as IntentCategory[];
export const QUEUE_SEARCH_ID = 'xe-queue-search';

export const QueuePanel = memo(function QueuePanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const tickets = useVisibleTickets();
  const loaded = useQueue((s) => s.loaded);
  const error = useQueue((s) => s.error);
  const total = useQueue((s) => Object.keys(s.byId).length);
  const selectedId = useQueue((s) => s.selectedId);
  const order = useQueueOrder();
  const select = useQueue((s) => s.select);
  const openId = useConversation((s) => s.openId);
  const openTicket = useConversation((s) => s.open);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: tickets.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => tickets[i]?.id ?? i,
  });

  // Keep the keyboard cursor on screen when it moves (not on every queue change: each scroll request
  // measures the list, and a busy queue changes many times a second).
  const ticketsRef = useRef(tickets);
  ticketsRef.current = tickets;
  // A row already in full view (the one just clicked) is left alone: asking the virtualizer to scroll
  // reads the layout (scrollHeight) right after the click's DOM changes, measured at up to 35 ms.
  useEffect(() => {
    if (!selectedId) return;
    const i = ticketsRef.current.findIndex((x) => x.id === selectedId);
    if (i >= 0 && !rowInView(virtualizer, i)) virtualizer.scrollToIndex(i, { align: 'auto' });
  }, [selectedId, virtualizer]);
  usePrefetchConversations(tickets);

  const onOpen = useCallback(
    (id: string) => {
      select(id);
      void openTicket(id);
    },
    [select, openTicket],
  );

  return (
    <section className="xe-pane xe-queue" data-testid="queue-panel" aria-label={t('queue.title')}>
      <QueueHead count={tickets.length} />
      <QueueFilters />
      {error && <Alert type="error" showIcon title={t('queue.loadFailed', { message: errorText(error) })} />}
      <div className="xe-scroll" ref={scrollRef} role="listbox" aria-label={t('queue.title')} tabIndex={-1}>
        {!loaded ? (
          <div className="xe-center">
            <Spin />
          </div>
        ) : tickets.length === 0 ? (
          <Empty
            className="xe-empty"
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={total === 0 ? t('queue.empty') : t('queue.emptyFiltered')}
          />
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const ticket = tickets[row.index];
              if (!ticket) return null;
              return (
                <div
                  key={row.key}
                  className="xe-vrow"
                  style={{ transform: `translateY(${row.start}px)`, height: row.size }}
                >
                  <QueueRow
                    ticket={ticket}
                    showTriage={order === 'triage'}
                    selected={ticket.id === selectedId}
                    open={ticket.id === openId}
                    onOpen={onOpen}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
});

/** From the virtualizer's own bookkeeping (no layout read): is row `i` entirely on screen? */
function rowInView(v: Virtualizer<HTMLDivElement, Element>, i: number): boolean {
  const row = v.measurementsCache[i];
  const top = v.scrollOffset;
  const height = v.scrollRect?.height;
  if (!row || top === null || !height) return false;
  return row.start >= top && row.end <= top + height;
}

/**
 * The queue's controls are their own memoised components: a new or changed ticket re-renders the
 * list (and the count), not the selects and the search box.
 */
const QueueHead = memo(function QueueHead({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <div className="xe-pane-head">
      <span className="xe-pane-title">{t('queue.title')}</span>
      <span className="xe-muted" data-testid="queue-count">
        {t('queue.count', { count })}
      </span>
      <span className="xe-spacer" />
      <QueueOrderPicker />
      <ImportBatchButton />
    </div>
  );
});

const QueueOrderPicker = memo(function QueueOrderPicker() {
  const { t } = useTranslation();
  const chosenOrder = useQueue((s) => s.order);
  const setOrder = useQueue((s) => s.setOrder);
  return (
    <Select<QueueOrder | 'auto'>
      size="small"
      variant="borderless"
      value={chosenOrder}
      onChange={setOrder}
      title={t('queue.orderHint')}
      data-testid="queue-order"
      aria-label={t('queue.orderHint')}
      popupMatchSelectWidth={false}
      options={(['auto', 'priority', 'triage', 'waiting'] as const).map((o) => ({
        value: o,
        label: t(`queue.order.${o}`),
      }))}
    />
  );
});

const QueueFilters = memo(function QueueFilters() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  const filter = useQueue((s) => s.filter);
  const setCategory = useQueue((s) => s.setCategory);
  const setSearch = useQueue((s) => s.setSearch);
  return (
    <div className="xe-queue-filters">
      <Input
        id={QUEUE_SEARCH_ID}
        size="small"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('queue.search')}
        value={filter.search}
        onChange={(e) => setSearch(e.target.value)}
        data-testid="queue-search"
      />
      <Select<CategoryFilter>
        size="small"
        value={filter.category}
        onChange={setCategory}
        className="xe-queue-category"
        data-testid="queue-category"
        aria-label={t('queue.allCategories')}
        popupMatchSelectWidth={false}
        options={[
          { value: 'all', label: t('queue.allCategories') },
          ...CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c, lang) })),
        ]}
      />
    </div>
  );
});
