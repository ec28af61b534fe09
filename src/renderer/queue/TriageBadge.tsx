// The triage score of a queued ticket, with each factor's share on hover, so the agent can see why the
// offline queue is in this order (src/shared/triage.ts computes it in the core).
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketSummary } from '../../shared/api';

const FACTORS = ['sla', 'severity', 'sentiment', 'priority', 'value'] as const;

export function TriageBadge({ triage }: { triage: TicketSummary['triage'] }) {
  const { t } = useTranslation();
  if (!triage) return null;
  const lines = FACTORS.map((f) => `${t(`queue.triageFactor.${f}`)} ${(triage.factors[f] ?? 0).toFixed(1)}`);
  return (
    <Tooltip
      title={
        <div className="xe-triage-tip">
          {lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </div>
      }
    >
      <Tag color="purple" data-testid="triage-score" className="xe-tag-tight">
        {t('queue.triage', { score: Math.round(triage.score) })}
      </Tag>
    </Tooltip>
  );
}
