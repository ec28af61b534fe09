// The centre pane: header, what the AI tried, the timeline, and the composer.
import { memo, useDeferredValue } from 'react';
import { Alert, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../shared/domain';
import { Composer } from '../assist/Composer';
import { AiActionsStrip } from './AiActionsStrip';
import { CloseTicketDialog } from './CloseTicketDialog';
import { ConversationHeader } from './ConversationHeader';
import { EarlierMessagesBar } from './EarlierMessagesBar';
import { MessageList } from './MessageList';
import { useConversation } from './store';

export const ConversationPane = memo(function ConversationPane() {
  const { t } = useTranslation();
  const openId = useConversation((s) => s.openId);
  const ticket = useConversation((s) => s.ticket);
  const messages = useConversation((s) => s.messages);
  const loading = useConversation((s) => s.loading);
  const error = useConversation((s) => s.error);
  const earlierMessages = useConversation((s) => s.earlierMessages);

  let body;
  if (!openId) {
    body = (
      <Empty
        className="xe-empty xe-center"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('conversation.noneOpen')}
      />
    );
  } else if (loading) {
    body = (
      <div className="xe-center">
        <Spin />
        <span className="xe-muted">{t('conversation.loading')}</span>
      </div>
    );
  } else if (error || !ticket) {
    body = (
      <Alert
        className="xe-pane-alert"
        type="error"
        showIcon
        title={t('conversation.loadFailed', { message: error?.message ?? '' })}
      />
    );
  } else {
    body = (
      <>
        <ConversationHeader ticket={ticket} messageCount={messages.length + earlierMessages} />
        <AiActionsStrip ticket={ticket} />
        <EarlierMessagesBar />
        <MessageList ticketId={ticket.id} messages={messages} />
        <ComposerArea ticket={ticket} />
      </>
    );
  }
  return (
    <section
      className="xe-pane xe-conversation"
      data-testid="conversation-view"
      data-ticket-id={openId ?? undefined}
    >
      {body}
    </section>
  );
});

/**
 * The composer (and the close dialog) of an opened ticket mount in a deferred render, right after the
 * messages are on screen. Until then the previous ticket's composer stays mounted but hidden and inert
 * (switching tickets would otherwise tear it down in the urgent render, before the new messages show);
 * on the first open a quiet placeholder of the composer's size holds its place.
 */
function ComposerArea({ ticket }: { ticket: Ticket }) {
  const later = useDeferredValue<Ticket | null>(ticket, null);
  if (!later) return <div className="xe-composer xe-composer-pending" aria-hidden />;
  const stale = later.id !== ticket.id;
  return (
    <div className={stale ? 'xe-composer-slot is-stale' : 'xe-composer-slot'} inert={stale}>
      <Composer key={later.id} ticket={later} />
      <CloseTicketDialog key={`close-${later.id}`} ticket={later} />
    </div>
  );
}
