// The customer's earlier contacts: a returning customer is the most common reason a conversation
// starts heated, and the last agent's note is often the answer. From the hub when online (every
// agent's tickets), else from this workstation's own.
import { Tag } from 'antd';
import type { TicketSummary } from '../../shared/api';
import { useTranslation } from 'react-i18next';
import { IntentTag } from '../components/TicketTags';
import { formatDateTime } from '../i18n/format';
import { useApiQuery } from '../platform/useApiQuery';
import { useQueue } from '../queue/store';
import { useSettings } from '../settings/store';
import { useErrorText } from '../components/useErrorText';

const WEEK_MS = 7 * 86_400_000;

export function CustomerHistory({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const lang = useSettings((s) => s.language);
  // Read again when another ticket of this customer reaches the queue while this one is open (a
  // customer who writes in twice): the list read at open would otherwise say "first contact".
  const sameCustomer = useQueue((s) => sameCustomerKey(s.byId, ticketId));
  const key = `${ticketId}|${sameCustomer}`;
  const { data: loaded, error } = useApiQuery('tickets.customerHistory', { ticketId }, key, (data) => {
    const now = Date.now();
    return { ...data, recent: data.tickets.filter((x) => now - x.createdAt < WEEK_MS).length };
  });
  const tickets = loaded?.tickets ?? null;
  const recent = loaded?.recent ?? 0;
  return (
    <section
      className="xe-side-section"
      data-testid="customer-history"
      data-count={tickets?.length ?? undefined}
    >
      <div className="xe-side-head">
        <span className="xe-side-title">{t('customer.history.title', { count: tickets?.length ?? 0 })}</span>
        {recent > 0 && (
          <Tag color="orange" className="xe-tag" data-testid="customer-history-recent">
            {t('customer.history.recent', { count: recent + 1 })}
          </Tag>
        )}
        {loaded?.source === 'local' && <span className="xe-muted">{t('customer.history.local')}</span>}
      </div>
      {error ? (
        <div className="xe-muted">{t('customer.history.failed', { message: errorText(error) })}</div>
      ) : tickets === null ? (
        <div className="xe-muted">{t('customer.history.loading')}</div>
      ) : tickets.length === 0 ? (
        <div className="xe-muted">{t('customer.history.none')}</div>
      ) : (
        <ul className="xe-history">
          {tickets.map((p) => (
            <li key={p.id} className="xe-history-item" data-testid="customer-history-item">
              <div className="xe-history-line">
                <span className="xe-muted">{formatDateTime(p.createdAt, lang)}</span>
                <IntentTag intent={p.intent} />
                <Tag className="xe-tag" color={p.outcome?.resolution === 'resolved' ? 'success' : undefined}>
                  {p.outcome ? t(`close.resolutionName.${p.outcome.resolution}`) : t(`status.${p.status}`)}
                </Tag>
                {p.agentName && <span className="xe-muted">{p.agentName}</span>}
                {p.outcome?.csat != null && (
                  <span className="xe-muted">{t('customer.history.csat', { csat: p.outcome.csat })}</span>
                )}
              </div>
              {p.opener && <div className="xe-history-opener">{p.opener}</div>}
              {p.outcome?.note && (
                <div className="xe-history-note" data-testid="customer-history-note">
                  {t('customer.history.note', { note: p.outcome.note })}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The ids of the queue's other tickets of this ticket's customer, as one string (a stable selector). */
export function sameCustomerKey(byId: Record<string, TicketSummary>, ticketId: string): string {
  const customerId = byId[ticketId]?.customerId;
  if (!customerId) return '';
  const ids: string[] = [];
  for (const t of Object.values(byId)) if (t.customerId === customerId && t.id !== ticketId) ids.push(t.id);
  return ids.sort().join(',');
}
