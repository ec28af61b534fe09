// AI-suggested replies as chips above the composer; number N is also Alt+N.
import { BulbOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Suggestion } from '../../shared/domain';
import { Words } from '../components/Words';
import { textsOr } from '../i18n/core-words';
import { useSettings } from '../settings/store';

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
  const lang = useSettings((s) => s.language);
  if (suggestions.length === 0) return null;
  return (
    <div className="xe-chips" data-testid="suggestions" data-revision={revision}>
      <span className="xe-chips-label">
        <BulbOutlined /> {t('composer.suggestions')}
      </span>
      {suggestions.map((s, i) => (
        <Tooltip
          key={s.id}
          title={
            <span data-testid="suggestion-reason">
              {t('composer.suggestionTip', {
                source: t(`composer.source.${s.source}`),
                score: Math.round(s.score * 100),
                reason: '',
              })}
              {/* The source is named just before, so the reason starts with the why. */}
              <Words segments={textsOr(s.texts, s.reason, t, lang)} />
            </span>
          }
        >
          <button
            type="button"
            className="xe-chip"
            data-testid="suggestion-chip"
            data-suggestion-id={s.id}
            onClick={() => onPick(s)}
          >
            <kbd>{i + 1}</kbd>
            {/* The reply itself: written for the customer, in their language. */}
            <span className="xe-ellipsis" data-authored="reply">
              {s.text}
            </span>
          </button>
        </Tooltip>
      ))}
    </div>
  );
}
