// What shows before the core has answered: a spinner, or why the core cannot be reached.
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../shared/result';

export function Splash() {
  const { t } = useTranslation();
  return (
    <div className="xe-center">
      <Spin />
      <span className="xe-muted">{t('app.loading')}</span>
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
