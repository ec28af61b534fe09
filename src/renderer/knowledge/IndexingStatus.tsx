// A progress strip above the knowledge results while the core embeds in the background (after a
// model switch every chunk is re-embedded): how far, about how long, and that keyword search
// serves meanwhile. Nothing is shown when no embedding is under way.
import { Progress } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { etaParts, useKbIndexing } from './indexingStore';

export function IndexingStatus() {
  const { t } = useTranslation();
  const indexing = useKbIndexing((s) => s.indexing);
  const load = useKbIndexing((s) => s.load);
  useEffect(() => void load(), [load]);
  if (!indexing || indexing.total <= 0) return null;
  const eta = etaParts(indexing.etaMs);
  const etaText = !eta
    ? t('kbIndex.etaUnknown')
    : 'minutes' in eta
      ? t('kbIndex.etaMinutes', { count: eta.minutes })
      : t('kbIndex.etaSeconds', { count: eta.seconds });
  const percent = Math.min(99, Math.floor((100 * indexing.done) / indexing.total));
  return (
    <div className="xe-kb-indexing" role="status" aria-live="polite" data-testid="kb-indexing">
      <div className="xe-kb-indexing-line">
        {t(indexing.reason === 'switch' ? 'kbIndex.switch' : 'kbIndex.new', {
          model: indexing.model,
          done: indexing.done,
          total: indexing.total,
        })}{' '}
        · {etaText}
      </div>
      <Progress percent={percent} size="small" status="active" showInfo={false} />
      <div className="xe-kb-indexing-note">{t('kbIndex.keywordMeanwhile')}</div>
    </div>
  );
}
