// What the pre-send guard found in the draft (policy promises, contradicting an AI decision,
// marketing during a complaint …). The reply is held until the agent edits it or sends anyway.
import { SafetyOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GuardWarningDto } from '../../shared/assist-api';
import { Words } from '../components/Words';
import { wordsOr } from '../i18n/core-words';
import { useSettings } from '../settings/store';

const SEVERITY_COLORS = { low: 'default', medium: 'warning', high: 'error' } as const;

interface Props {
  warnings: GuardWarningDto[];
  onSendAnyway: () => void;
  onEdit: () => void;
}

export function GuardWarnings({ warnings, onSendAnyway, onEdit }: Props) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  return (
    <div className="xe-guard" role="alert" data-testid="guard-warnings">
      <div className="xe-guard-head">
        <SafetyOutlined />
        <strong>{t('guard.title')}</strong>
      </div>
      <ul>
        {warnings.map((w, i) => (
          <li key={`${w.code}-${i}`} data-testid="guard-warning" data-severity={w.severity}>
            <Tag className="xe-tag" color={SEVERITY_COLORS[w.severity]}>
              {t(`guard.severity.${w.severity}`)}
            </Tag>
            <span data-testid="guard-reason">
              <Words segments={wordsOr(w.text, w.reason, t, lang)} />
            </span>
            {/* The draft's own words. */}
            {w.excerpt && (
              <q className="xe-guard-excerpt" data-authored="draft">
                {w.excerpt}
              </q>
            )}
          </li>
        ))}
      </ul>
      <div className="xe-guard-actions">
        <Button size="small" onClick={onEdit}>
          {t('guard.edit')}
        </Button>
        <Button size="small" danger onClick={onSendAnyway} data-testid="guard-send-anyway">
          {t('guard.sendAnyway')}
        </Button>
      </div>
    </div>
  );
}
