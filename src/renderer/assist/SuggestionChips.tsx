// AI-suggested replies as chips above the composer; number N is also Alt+N.
import { BulbOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Suggestion } from '../../shared/domain';

export function SuggestionChips({
  suggestions,
  revision = 0,
  onPick,
}: {
  suggestions: Suggestion[];
  /** How many times the core has pushed suggestions for this ticket (a recompute may rank the same). */
  revision?: number;
  onPick: (s: Suggestion) => void;
}) {
  const { t } = useTranslation();
  if (suggestions.length === 0) return null;
  return (
    <div className="xe-chips" data-testid="suggestions" data-revision={revision}>
      <span className="xe-chips-label">
        <BulbOutlined /> {t('composer.suggestions')}
      </span>
      {suggestions.map((s, i) => (
        <Tooltip
          key={s.id}
          title={t('composer.suggestionTip', {
            source: t(`composer.source.${s.source}`),
            score: Math.round(s.score * 100),
            reason: s.reason,
          })}
        >
          <button
            type="button"
            className="xe-chip"
            data-testid="suggestion-chip"
            data-suggestion-id={s.id}
            onClick={() => onPick(s)}
          >
            <kbd>{i + 1}</kbd>
            <span className="xe-ellipsis">{s.text}</span>
          </button>
        </Tooltip>
      ))}
    </div>
  );
}
