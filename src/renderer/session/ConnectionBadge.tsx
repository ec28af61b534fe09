// Connection status for the top bar: the core's link to the hub, or the bridge to the core when
// that one is down (then the hub status is unknown, so the bridge wins).
import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConnectionPhase } from '../../shared/api';
import { useSession } from './store';

const PHASE_BADGE: Record<ConnectionPhase, 'success' | 'processing' | 'error' | 'default'> = {
  online: 'success',
  connecting: 'processing',
  offline: 'error',
  signed_out: 'default',
};

export function ConnectionBadge() {
  const { t } = useTranslation();
  const phase = useSession((s) => s.state?.phase ?? 'connecting');
  const lastError = useSession((s) => s.state?.lastError ?? null);
  const bridge = useSession((s) => s.bridge);
  const bridgeDown = bridge !== 'open';
  const status = bridgeDown ? 'error' : PHASE_BADGE[phase];
  const text = bridgeDown ? t('connection.bridgeLost') : t(`connection.${phase}`);
  return (
    <Tooltip title={lastError ? t('connection.lastError', { message: lastError }) : undefined}>
      <span
        className="xe-conn"
        data-testid="connection-status"
        data-phase={bridgeDown ? 'bridge_lost' : phase}
      >
        <Badge status={status} text={text} />
      </span>
    </Tooltip>
  );
}

/** A banner under the top bar while the agent works without the hub or without the core. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const phase = useSession((s) => s.state?.phase);
  const bridge = useSession((s) => s.bridge);
  if (bridge === 'closed')
    return (
      <div className="xe-banner xe-banner-error" data-testid="bridge-banner">
        {t('connection.bridgeBanner')}
      </div>
    );
  if (phase === 'offline')
    return (
      <div className="xe-banner" data-testid="offline-banner">
        {t('connection.offlineBanner')}
      </div>
    );
  return null;
}
