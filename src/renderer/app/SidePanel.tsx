// The right pane, composed here because it joins features: the customer tab (conversation) and
// knowledge search, whose "insert" writes into the reply box (assist).
import { Tabs } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPOSER_INPUT_ID } from '../assist/Composer';
import { useAssist } from '../assist/store';
import { CustomerTab } from '../conversation/CustomerTab';
import { useConversation } from '../conversation/store';
import { KnowledgePanel } from '../knowledge/KnowledgePanel';
import { RecommendationsPanel } from '../marketing/RecommendationsPanel';
import { substantiveQuery } from '../../shared/customer-query';

type SideTab = 'customer' | 'offers' | 'knowledge';

export function SidePanel() {
  const { t } = useTranslation();
  const ticket = useConversation((s) => s.ticket);
  const messages = useConversation((s) => s.messages);
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
}
