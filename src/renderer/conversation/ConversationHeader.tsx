// The open conversation's title row: who, through which channel, and the triage tags.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../shared/domain';
import { IntentTag, PriorityTag, SentimentTag, SlaCountdown } from '../components/TicketTags';

export function ConversationHeader({ ticket, messageCount }: { ticket: Ticket; messageCount: number }) {
  const { t } = useTranslation();
  return (
    <div className="xe-pane-head xe-conv-head" data-testid="conversation-header">
      <span className="xe-pane-title xe-ellipsis">{ticket.customer.nickname}</span>
      <Tag className="xe-tag">{t(`channel.${ticket.channel}`)}</Tag>
      <PriorityTag priority={ticket.priority} />
      <IntentTag intent={ticket.intent} confidence={ticket.intentConfidence} />
      <SentimentTag sentiment={ticket.sentiment} />
      <span className="xe-spacer" />
      <span className="xe-muted">{t('conversation.messageCount', { count: messageCount })}</span>
      <SlaCountdown dueAt={ticket.slaDueAt} />
    </div>
  );
}
