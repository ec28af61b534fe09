// Top-bar indicator for sync conflicts, with a list where each one is retried or discarded.
import { WarningOutlined } from '@ant-design/icons';
import { Button, Popover, Tag } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../shared/api';
import { formatDateTime } from '../i18n/format';
import { syncTextsZh } from '../i18n/sync-texts';
import { useQueue } from '../queue/store';
import { useSettings } from '../settings/store';
import { useSync } from './store';
import { useErrorText } from '../components/useErrorText';

export function SyncConflictsButton() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const conflicts = useSync((s) => s.conflicts);
  const load = useSync((s) => s.load);
  const error = useSync((s) => s.error);

  useEffect(() => {
    void load();
  }, [load]);

  if (conflicts.length === 0) return null;
  return (
    <Popover
      trigger="click"
      placement="bottomLeft"
      title={t('sync.title')}
      content={
        <div className="xe-sync-list" data-testid="sync-conflicts">
          <div className="xe-muted xe-sync-hint">{t('sync.hint')}</div>
          {conflicts.map((c) => (
            <ConflictRow key={c.id} conflict={c} />
          ))}
          {error && <div className="xe-error-text">{t('sync.failed', { message: errorText(error) })}</div>}
        </div>
      }
    >
      <Tag
        icon={<WarningOutlined />}
        color="error"
        className="xe-clickable"
        data-testid="sync-conflicts-badge"
        data-count={conflicts.length}
      >
        {t('sync.badge', { count: conflicts.length })}
      </Tag>
    </Popover>
  );
}

function ConflictRow({ conflict }: { conflict: SyncConflict }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  const settle = useSync((s) => s.settle);
  const busy = useSync((s) => s.busyId === conflict.id);
  const customer = useQueue((s) =>
    conflict.ticketId ? s.byId[conflict.ticketId]?.customerNickname : undefined,
  );
  const { summary, reason } = conflictWords(conflict, customer, t);
  return (
    <div className="xe-sync-row" data-testid="sync-conflict" data-conflict-id={conflict.id}>
      <div className="xe-sync-summary">
        <strong>{summary}</strong>
        <span className="xe-muted">{formatDateTime(conflict.createdAt, lang)}</span>
      </div>
      {/* The hub's own text (with ids) stays in the tooltip, for support. */}
      <div className="xe-sync-reason" title={conflict.reason}>
        {t('sync.reason', { reason })}
      </div>
      <div className="xe-sync-actions">
        <Button
          size="small"
          loading={busy}
          onClick={() => void settle(conflict.id, 'retry')}
          data-testid="sync-retry"
        >
          {t('sync.retry')}
        </Button>
        <Button
          size="small"
          danger
          disabled={busy}
          onClick={() => void settle(conflict.id, 'discard')}
          data-testid="sync-discard"
        >
          {t('sync.discard')}
        </Button>
      </div>
    </div>
  );
}

type Command = keyof typeof syncTextsZh.command;
type Refusal = keyof typeof syncTextsZh.reason;

/** What was refused and why, in words: the command and the customer, the hub's error code. */
function conflictWords(
  conflict: SyncConflict,
  customer: string | undefined,
  t: ReturnType<typeof useTranslation>['t'],
): { summary: string; reason: string } {
  const command = t(
    `syncText.command.${(conflict.command in syncTextsZh.command ? conflict.command : 'other') as Command}`,
  );
  const code = conflict.reason.match(/^([A-Z_]+):/)?.[1];
  return {
    summary: customer ? t('syncText.summary', { command, customer }) : command,
    reason: code && code in syncTextsZh.reason ? t(`syncText.reason.${code as Refusal}`) : conflict.reason,
  };
}
