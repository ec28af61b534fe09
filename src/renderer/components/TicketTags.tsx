// Small tags shared by the queue and the conversation header: intent, sentiment, priority, SLA.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Sentiment, TicketStatus } from '../../shared/domain';
import { INTENTS, type IntentCategory, type IntentId } from '../../shared/intents';
import { formatDuration } from '../i18n/format';
import { intentLabel } from '../i18n';
import { useSettings } from '../settings/store';
import { slaState } from './sla';
import { useNow } from './useNow';

export const CATEGORY_COLORS: Record<IntentCategory, string> = {
  presale: 'blue',
  promotion: 'purple',
  logistics: 'cyan',
  aftersale: 'orange',
  complaint: 'red',
};

const PRIORITY_COLORS: Record<number, string> = { 1: 'red', 2: 'volcano', 3: 'gold', 4: 'default' };
const SENTIMENT_COLORS = { negative: 'error', neutral: 'default', positive: 'success' } as const;

export { SLA_WARN_MS } from './sla';

export function IntentTag({ intent, confidence }: { intent: IntentId; confidence?: number }) {
  const lang = useSettings((s) => s.language);
  const { t } = useTranslation();
  const tag = (
    <Tag color={CATEGORY_COLORS[INTENTS[intent].category]} className="xe-tag" data-testid="intent-tag">
      {intentLabel(intent, lang)}
    </Tag>
  );
  if (confidence === undefined) return tag;
  return (
    <Tooltip title={t('conversation.confidence', { value: Math.round(confidence * 100) })}>{tag}</Tooltip>
  );
}

export function SentimentTag({ sentiment }: { sentiment: Sentiment }) {
  const { t } = useTranslation();
  return (
    <Tag color={SENTIMENT_COLORS[sentiment.label]} className="xe-tag" data-testid="sentiment-tag">
      {t(`sentiment.${sentiment.label}`)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: number }) {
  const { t } = useTranslation();
  const key = String(priority) as '1' | '2' | '3' | '4';
  return (
    <Tooltip title={t(`queue.priorityName.${key}`)}>
      <Tag color={PRIORITY_COLORS[priority] ?? 'default'} className="xe-tag" data-testid="priority-tag">
        {t('queue.priority', { priority })}
      </Tag>
    </Tooltip>
  );
}

/** Live countdown to the SLA deadline; red under two minutes and once breached; paused while 待跟进. */
export function SlaCountdown({ dueAt, status }: { dueAt: number; status?: TicketStatus }) {
  const { t } = useTranslation();
  const sla = slaState(dueAt, useNow(), status);
  const text =
    sla.kind === 'paused'
      ? t('handling.slaPaused')
      : t(sla.kind === 'left' ? 'queue.slaLeft' : 'queue.slaBreached', { time: formatDuration(sla.ms) });
  return (
    <span
      className={sla.urgent ? 'xe-sla xe-sla-urgent' : 'xe-sla'}
      data-testid="sla"
      data-urgent={sla.urgent ? 'true' : 'false'}
      data-sla={sla.kind}
    >
      {text}
    </span>
  );
}

/** 待跟进: parked by the agent, still theirs, its SLA not counting. */
export function PendingMarker() {
  const { t } = useTranslation();
  return (
    <Tag color="geekblue" className="xe-tag" data-testid="pending-marker">
      {t('handling.pendingMarker')}
    </Tag>
  );
}
