// The open conversation's title row: who, through which channel, and the triage tags.
import { memo } from 'react';
import { ExportOutlined } from '@ant-design/icons';
import { App, Button, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../shared/domain';
import { IntentTag, PendingMarker, PriorityTag, SentimentTag, SlaCountdown } from '../components/TicketTags';
import { useQueue } from '../queue/store';
import { openPopout, popoutTicketId } from '../platform/popout';
import { useConversation } from './store';

export const ConversationHeader = memo(function ConversationHeader({
  ticket,
  messageCount,
}: {
  ticket: Ticket;
  messageCount: number;
}) {
  const { t } = useTranslation();
  // The queue's summary is what the hub's priority/SLA changes update: one deadline for row and header.
  const live = useQueue((s) => s.byId[ticket.id]);
  const priority = live?.priority ?? ticket.priority;
  const slaDueAt = live?.slaDueAt ?? ticket.slaDueAt;
  const status = live?.status ?? ticket.status;
  return (
    <div className="xe-pane-head xe-conv-head" data-testid="conversation-header">
      <span className="xe-pane-title xe-ellipsis" data-authored="name">
        {ticket.customer.nickname}
      </span>
      <Tag className="xe-tag">{t(`channel.${ticket.channel}`)}</Tag>
      <PriorityTag priority={priority} />
      <IntentTag intent={ticket.intent} confidence={ticket.intentConfidence} />
      <SentimentTag sentiment={ticket.sentiment} />
      <span className="xe-spacer" />
      <span className="xe-muted">{t('conversation.messageCount', { count: messageCount })}</span>
      {status === 'pending' && <PendingMarker />}
      <SlaCountdown dueAt={slaDueAt} status={status} />
      {popoutTicketId() === null && <PopOutButton ticketId={ticket.id} />}
    </div>
  );
});

/** Moves the conversation to its own window; the main window lets go of it so one place edits the draft. */
function PopOutButton({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const onClick = () => {
    if (openPopout(ticketId)) useConversation.getState().closeView();
    else toast.error(t('popout.blocked'));
  };
  return (
    <Tooltip title={t('popout.open')}>
      <Button
        size="small"
        type="text"
        aria-label={t('popout.open')}
        icon={<ExportOutlined />}
        onClick={onClick}
        data-testid="popout-button"
      />
    </Tooltip>
  );
}
