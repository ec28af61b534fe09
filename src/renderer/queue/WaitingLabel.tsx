// "已等 2:15" on a queue row once a customer has waited a minute without a reply: amber, then red
// when the reminder fires. Before that the row shows the time of the last message.
import { useTranslation } from 'react-i18next';
import { useNow } from '../components/useNow';
import { formatDuration, formatTime } from '../i18n/format';
import { useSettings } from '../settings/store';
import { waitLevel } from './waiting';

export function WaitingLabel({
  waitingSince,
  lastMessageAt,
}: {
  waitingSince: number | null;
  lastMessageAt: number;
}) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  const now = useNow();
  const level = waitLevel(waitingSince, now);
  if (waitingSince === null || level === 'none' || level === 'ok')
    return <span className="xe-qrow-time">{formatTime(lastMessageAt, lang)}</span>;
  return (
    <span
      className={`xe-qrow-time xe-wait xe-wait-${level}`}
      title={t('queue.waitingTip')}
      data-testid="queue-waiting"
      data-level={level}
    >
      {t('queue.waiting', { time: formatDuration(now - waitingSince) })}
    </span>
  );
}
