// One message in the timeline: customer on the left, bot and agent on the right, system centred.
import { LEAD_NOTE_EVENT } from '../../shared/hub-protocol';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../shared/domain';
import { formatTime } from '../i18n/format';
import { useSettings } from '../settings/store';
import { DeliveryMark } from './DeliveryMark';
import { MessageBody } from './MessageBodies';

const BARE_KINDS = new Set<Message['kind']>(['order_card', 'product_card', 'coupon_card', 'image']);

export const MessageItem = memo(function MessageItem({ message }: { message: Message }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  if (message.from === 'system' || message.kind === 'system') {
    // A lead's note is for the agent only: it must not read like something the customer saw.
    const leadNote = message.kind === 'system' && message.event === LEAD_NOTE_EVENT;
    return (
      <div
        className="xe-msg xe-msg-system"
        data-testid="message"
        data-kind={message.kind}
        data-from={message.from}
        data-event={message.kind === 'system' ? message.event : undefined}
      >
        <span className={leadNote ? 'xe-system-pill xe-lead-note' : 'xe-system-pill'}>
          {leadNote && <span className="xe-lead-note-label">{t('conversation.leadNote')}</span>}
          <MessageBody message={message} />
          <span className="xe-msg-time">{formatTime(message.at, lang)}</span>
        </span>
      </div>
    );
  }
  const side = message.from === 'customer' ? 'left' : 'right';
  const bare = BARE_KINDS.has(message.kind);
  return (
    <div
      className={`xe-msg xe-msg-${side} xe-from-${message.from}`}
      data-testid="message"
      data-kind={message.kind}
      data-from={message.from}
      data-message-id={message.id}
    >
      <div className="xe-msg-meta">
        <span className={`xe-sender xe-sender-${message.from}`}>
          {t(`conversation.from.${message.from}`)}
        </span>
        <span className="xe-msg-time">{formatTime(message.at, lang)}</span>
        {message.from === 'agent' && message.clientMsgId && (
          <DeliveryMark clientMsgId={message.clientMsgId} />
        )}
      </div>
      <div className={bare ? 'xe-bubble xe-bubble-bare' : 'xe-bubble'}>
        <MessageBody message={message} />
      </div>
    </div>
  );
});
