// Beside an agent's reply: a clock while it waits in the outbox (offline, or not yet acknowledged), a
// warning when the hub refused it (settled in the sync-conflict list); once the hub has it, what the
// customer's channel reported — a tick when delivered, a warning with the reason when it failed — and
// nothing while the channel has not said.
import { CheckOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConversation } from './store';

export function DeliveryMark({ clientMsgId }: { clientMsgId: string }) {
  const { t } = useTranslation();
  const state = useConversation((s) =>
    s.delivery.refused.has(clientMsgId)
      ? 'refused'
      : s.delivery.pending.has(clientMsgId)
        ? 'pending'
        : 'sent',
  );
  const channel = useConversation((s) => s.delivery.channel.get(clientMsgId));
  if (state === 'sent') {
    if (!channel) return null;
    const failed = channel.status === 'failed';
    const tip = failed
      ? channel.reason
        ? t('channelDelivery.failed', { reason: channel.reason })
        : t('channelDelivery.failedNoReason')
      : t('channelDelivery.delivered');
    return (
      <Tooltip title={tip}>
        <span
          className={`xe-delivery xe-delivery-${failed ? 'failed' : 'channel'}`}
          data-testid="delivery-mark"
          data-state={failed ? 'channel-failed' : 'channel-delivered'}
          aria-label={tip}
        >
          {failed ? <ExclamationCircleOutlined /> : <CheckOutlined />}
          <span className="xe-delivery-label">
            {t(failed ? 'channelDelivery.failedShort' : 'channelDelivery.deliveredShort')}
          </span>
        </span>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={t(`conversation.delivery.${state}`)}>
      <span className={`xe-delivery xe-delivery-${state}`} data-testid="delivery-mark" data-state={state}>
        {state === 'pending' ? <ClockCircleOutlined /> : <ExclamationCircleOutlined />}
        <span className="xe-delivery-label">{t(`conversation.delivery.${state}Short`)}</span>
      </span>
    </Tooltip>
  );
}
