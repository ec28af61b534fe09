// Beside an agent's reply: nothing once the hub has it, a clock while it waits in the outbox (offline,
// or not yet acknowledged), a warning when the hub refused it (settled in the sync-conflict list).
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
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
        : 'delivered',
  );
  if (state === 'delivered') return null;
  return (
    <Tooltip title={t(`conversation.delivery.${state}`)}>
      <span className={`xe-delivery xe-delivery-${state}`} data-testid="delivery-mark" data-state={state}>
        {state === 'pending' ? <ClockCircleOutlined /> : <ExclamationCircleOutlined />}
        <span className="xe-delivery-label">{t(`conversation.delivery.${state}Short`)}</span>
      </span>
    </Tooltip>
  );
}
