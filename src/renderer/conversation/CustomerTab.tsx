// The side panel's customer tab: ticket facts, the agent's local work, the customer's profile, their
// earlier contacts and their orders.
import { Descriptions, Empty, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../shared/domain';
import { IntentTag, SentimentTag, SlaCountdown } from '../components/TicketTags';
import { formatDateTime } from '../i18n/format';
import { useSettings } from '../settings/store';
import { CustomerHistory } from './CustomerHistory';
import { CustomerProfile } from './CustomerProfile';
import { LocalWorkSection } from './LocalWorkSection';
import { OrderCard } from './MessageBodies';

export function CustomerTab({ ticket }: { ticket: Ticket | null }) {
  const { t } = useTranslation();
  if (!ticket)
    return (
      <Empty
        className="xe-empty"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('conversation.sideEmpty')}
      />
    );
  return (
    <div data-testid="customer-tab">
      <TicketFacts ticket={ticket} />
      <LocalWorkSection ticket={ticket} />
      <CustomerProfile customer={ticket.customer} ticketId={ticket.id} />
      <CustomerHistory ticketId={ticket.id} />
      <Orders ticket={ticket} />
    </div>
  );
}

function TicketFacts({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  return (
    <section className="xe-side-section" data-testid="ticket-facts">
      <div className="xe-side-head">
        <span className="xe-side-title">{t('customer.ticket')}</span>
        <Tag className="xe-tag">{t(`status.${ticket.status}`)}</Tag>
      </div>
      <Descriptions size="small" column={1} colon={false} className="xe-desc">
        <Descriptions.Item label={t('customer.intent')}>
          <IntentTag intent={ticket.intent} />
          <span className="xe-muted">
            {t('conversation.confidence', { value: Math.round(ticket.intentConfidence * 100) })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.sentiment')}>
          <SentimentTag sentiment={ticket.sentiment} />
          <span className="xe-muted">{ticket.sentiment.score.toFixed(2)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.channel')}>{t(`channel.${ticket.channel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('customer.sla')}>
          <SlaCountdown dueAt={ticket.slaDueAt} />
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.createdAt')}>
          {formatDateTime(ticket.createdAt, lang)}
        </Descriptions.Item>
      </Descriptions>
    </section>
  );
}

function Orders({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  return (
    <section className="xe-side-section" data-testid="orders">
      <div className="xe-side-head">
        <span className="xe-side-title">{t('customer.orders', { count: ticket.orders.length })}</span>
      </div>
      {ticket.orders.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.noOrders')} />
      ) : (
        <div className="xe-order-list">
          {ticket.orders.map((o) => (
            <OrderCard key={o.id} order={o} />
          ))}
        </div>
      )}
    </section>
  );
}
