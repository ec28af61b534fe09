// Shown after sign-in when the core found this machine's database damaged at start: where the old
// file went, that tickets and knowledge are coming back from the hub, and what became of unsynced
// work. It stays until the user dismisses it (the core keeps it across restarts).
import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../shared/api';
import { api } from '../platform/client';

type Notice = NonNullable<ApiOutput<'app.databaseRecovery'>>;

export function DatabaseRecoveryNotice() {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => {
    let live = true;
    void api()
      .call('app.databaseRecovery', {})
      .then((r) => {
        if (live && r.ok) setNotice(r.data);
      });
    return () => {
      live = false;
    };
  }, []);
  if (!notice) return null;
  const dismiss = () => {
    setNotice(null);
    void api().call('app.dismissDatabaseRecovery', { id: notice.id });
  };
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="db-recovery-notice"
      title={t('safety.dbRecovered.title')}
      description={
        <>
          <div>{t('safety.dbRecovered.body', { path: notice.movedTo })}</div>
          <div>
            {notice.outboxRestored === null
              ? t('safety.dbRecovered.lost')
              : notice.outboxRestored > 0
                ? t('safety.dbRecovered.salvaged', { count: notice.outboxRestored })
                : null}
          </div>
          <div className="xe-muted">{t('safety.dbRecovered.reason', { reason: notice.reason })}</div>
        </>
      }
      action={
        <Button size="small" onClick={dismiss} data-testid="db-recovery-dismiss">
          {t('safety.dbRecovered.dismiss')}
        </Button>
      }
    />
  );
}
