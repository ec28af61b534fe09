// The right pane, composed here because it joins features: the customer tab (conversation) and
// knowledge search, whose "insert" writes into the reply box (assist).
import { Tabs } from 'antd';
import { memo, useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPOSER_INPUT_ID } from '../assist/Composer';
import { useAssist } from '../assist/store';
import { CustomerTab } from '../conversation/CustomerTab';
import { useConversation } from '../conversation/store';
import { KnowledgePanel } from '../knowledge/KnowledgePanel';
import { RecommendationsPanel } from '../marketing/RecommendationsPanel';
import { substantiveQuery } from '../../shared/customer-query';
import type { Message, Ticket } from '../../shared/domain';

type SideTab = 'customer' | 'offers' | 'knowledge';

/**
 * The side panel follows the conversation one render behind: a deferred (interruptible) render, so
 * an opened ticket's messages — and a new message in the open one — reach the screen without waiting
 * for the customer's profile, orders and history to render.
 */
export const SidePanel = memo(function SidePanel() {
  const ticket = useDeferredValue(
    useConversation((s) => s.ticket),
    null,
  );
  const messages = useDeferredValue(
    useConversation((s) => s.messages),
    NO_MESSAGES,
  );
  return <SidePanelBody ticket={ticket} messages={messages} />;
});

const NO_MESSAGES: readonly Message[] = [];

const SidePanelBody = memo(function SidePanelBody({
  ticket,
  messages,
}: {
  ticket: Ticket | null;
  messages: readonly Message[];
}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<SideTab>('customer');

  // What the customer is asking (not the "在吗？" after it): the same query the suggestions use.
  const seedQuery = useMemo(
    () => substantiveQuery(messages).replace(/\n/g, ' ').slice(0, 100) || null,
    [messages],
  );

  const ticketId = ticket?.id ?? null;
  const insert = useCallback(
    (text: string) => {
      if (!ticketId) return;
      const assist = useAssist.getState();
      const draft = assist.drafts[ticketId] ?? '';
      assist.setDraft(ticketId, draft.trim() ? `${draft}\n${text}` : text);
      document.getElementById(COMPOSER_INPUT_ID)?.focus();
    },
    [ticketId],
  );

  return (
    <aside className="xe-pane xe-side" data-testid="side-panel">
      <Tabs
        size="small"
        activeKey={tab}
        onChange={(k) => setTab(k as SideTab)}
        className="xe-side-tabs"
        items={[
          {
            key: 'customer',
            label: t('side.customer'),
            children: (
              <div className="xe-scroll xe-side-scroll">
                <CustomerTab ticket={ticket} />
              </div>
            ),
          },
          {
            key: 'offers',
            label: <span data-testid="side-tab-offers">{t('marketing.tab')}</span>,
            children: <RecommendationsPanel ticketId={ticketId} revision={messages.length} />,
          },
          {
            key: 'knowledge',
            label: <span data-testid="side-tab-knowledge">{t('side.knowledge')}</span>,
            children: (
              <KnowledgePanel
                ticketId={ticketId}
                seedQuery={seedQuery}
                {...(ticketId ? { onInsert: insert } : {})}
              />
            ),
          },
        ]}
      />
    </aside>
  );
});
