// What shows before the core has answered: a spinner, or why the core cannot be reached.
import { Alert, Button, Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../shared/result';

/** How long the spinner alone is reasonable before the page suggests what may be wrong. */
const SLOW_CORE_MS = 6_000;

export function Splash() {
  const { t } = useTranslation();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_CORE_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="xe-center">
      <Spin />
      <span className="xe-muted">{t('app.loading')}</span>
      {slow && <Alert type="warning" showIcon data-testid="slow-core" title={t('session.slowCoreHint')} />}
    </div>
  );
}

/** The browser shell's address without its token: nothing can connect, so say what to open instead. */
export function MissingToken() {
  const { t } = useTranslation();
  return (
    <div className="xe-center" data-testid="missing-token">
      <Result
        status="warning"
        title={t('session.missingTokenTitle')}
        subTitle={t('session.missingTokenBody')}
      />
    </div>
  );
}

export function CoreUnreachable({ error, onRetry }: { error: AppError; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="xe-center">
      <Result
        status="warning"
        title={t('app.coreUnreachable', { message: error.message })}
        extra={<Button onClick={onRetry}>{t('app.retry')}</Button>}
      />
    </div>
  );
}
