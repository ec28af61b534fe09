// Taking tickets, on a break, or busy: the hub routes new tickets only while the agent is taking them.
// A break survives a restart and a reconnect (the core remembers it and tells the hub on connect).
import { DownOutlined } from '@ant-design/icons';
import { App, Badge, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AgentPresence } from '../../shared/hub-protocol';
import { useSession } from './store';
import { useErrorText } from '../components/useErrorText';

const BADGE: Record<AgentPresence, 'success' | 'warning' | 'error'> = {
  online: 'success',
  away: 'warning',
  busy: 'error',
};
const ORDER: AgentPresence[] = ['online', 'away', 'busy'];

export function PresenceSwitch() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message: toast } = App.useApp();
  const presence = useSession((s) => s.state?.presence ?? 'online');
  const setPresence = useSession((s) => s.setPresence);
  const choose = (p: AgentPresence) =>
    void setPresence(p).then((err) => err && toast.error(t('presence.failed', { message: errorText(err) })));
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [presence],
        items: ORDER.map((p) => ({
          key: p,
          label: (
            <span data-testid={`presence-${p}`}>
              <Badge status={BADGE[p]} text={t(`presence.${p}`)} />
              <span className="xe-muted xe-presence-hint">{t(`presence.hint.${p}`)}</span>
            </span>
          ),
        })),
        onClick: ({ key }) => choose(key as AgentPresence),
      }}
    >
      <Button size="small" type="text" data-testid="presence-switch" data-presence={presence}>
        <Badge status={BADGE[presence]} text={t(`presence.${presence}`)} /> <DownOutlined />
      </Button>
    </Dropdown>
  );
}

/** While the agent is not taking tickets, say so above the queue, with the way back. */
export function PresenceBanner() {
  const { t } = useTranslation();
  const presence = useSession((s) => s.state?.presence ?? 'online');
  const setPresence = useSession((s) => s.setPresence);
  if (presence === 'online') return null;
  return (
    <div className="xe-banner xe-banner-presence" data-testid="presence-banner">
      {t(`presence.banner.${presence}`)}
      <Button
        size="small"
        type="link"
        onClick={() => void setPresence('online')}
        data-testid="presence-resume"
      >
        {t('presence.resume')}
      </Button>
    </div>
  );
}
