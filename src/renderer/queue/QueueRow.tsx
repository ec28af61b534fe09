// One queue row: who, what (intent, sentiment, priority), how urgent (SLA), and the latest message.
import { Badge } from 'antd';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketSummary } from '../../shared/api';
import { prefetchConversation } from '../conversation/usePrefetchConversations';
import { IntentTag, PendingMarker, PriorityTag, SentimentTag, SlaCountdown } from '../components/TicketTags';
import { previewText } from '../i18n/system-words';
import { useSettings } from '../settings/store';
import { TriageBadge } from './TriageBadge';
import { WaitingLabel } from './WaitingLabel';

interface Props {
  /** Offline (or by choice) the queue is ordered by triage score: show it with its factors. */
  showTriage?: boolean;
  ticket: TicketSummary;
  selected: boolean;
  open: boolean;
  onOpen: (id: string) => void;
}

function Preview({ ticket }: { ticket: TicketSummary }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  const text = previewText(ticket, t, lang);
  // What someone wrote (or a product's title) is shown as written; image and system lines are ours.
  const kind = ticket.lastMessageBrief?.kind;
  const authored = kind !== 'image' && kind !== 'system';
  return (
    <div className="xe-qrow-preview" title={text} data-authored={authored ? 'content' : undefined}>
      {text}
    </div>
  );
}

export const QueueRow = memo(function QueueRow({
  ticket,
  selected,
  open,
  onOpen,
  showTriage = false,
}: Props) {
  const cls = [
    'xe-qrow',
    selected ? 'is-selected' : '',
    open ? 'is-open' : '',
    ticket.unread > 0 ? 'is-unread' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={cls}
      role="option"
      aria-selected={selected}
      data-testid="queue-item"
      data-ticket-id={ticket.id}
      data-priority={ticket.priority}
      onClick={() => onOpen(ticket.id)}
      onPointerEnter={() => void prefetchConversation(ticket.id)}
    >
      <div className="xe-qrow-line">
        <span className="xe-qrow-name" title={ticket.customerNickname}>
          {ticket.customerNickname}
        </span>
        <WaitingLabel waitingSince={ticket.waitingSince} lastMessageAt={ticket.lastMessageAt} />
        <Badge count={ticket.unread} size="small" data-testid="unread-badge" />
      </div>
      <div className="xe-qrow-tags">
        <PriorityTag priority={ticket.priority} />
        <IntentTag intent={ticket.intent} />
        <SentimentTag sentiment={ticket.sentiment} />
        {showTriage && <TriageBadge triage={ticket.triage} />}
        <span className="xe-spacer" />
        {ticket.status === 'pending' && <PendingMarker />}
        <SlaCountdown dueAt={ticket.slaDueAt} status={ticket.status} />
      </div>
      <Preview ticket={ticket} />
    </div>
  );
});
