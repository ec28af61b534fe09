// "What the AI already tried": the escalation reason, the AI agents' actions and what the bot already
// promised the customer, collapsed by default to one line so the agent does not repeat (or contradict)
// them without noticing. The core judges both (guard.aiPromises): the bot's words like a draft, the
// actions by the hub's conflict rules — so a flag here is the lead's conflict, at the same severity.
import { DownOutlined, RobotOutlined, UpOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../shared/api';
import type { Ticket } from '../../shared/domain';
import { useApiQuery } from '../platform/useApiQuery';
import { formatTime } from '../i18n/format';
import { Words } from '../components/Words';
import { wordsOr } from '../i18n/core-words';
import { escalationReasonText } from '../i18n/system-words';
import { useSettings } from '../settings/store';

/** Severity as a tag readable on the strip's tinted background (antd's error/warning tags are not). */
const SEVERITY_CLASS = { low: 'xe-tag', medium: 'xe-tag xe-tag-warn', high: 'xe-tag xe-tag-danger' } as const;

export const AiActionsStrip = memo(function AiActionsStrip({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  const [expanded, setExpanded] = useState(false);
  const actions = ticket.aiActions;
  const all = useAiPromises(ticket);
  const broken = all.filter((p) => p.warning).length;
  // Promises the bot wrote get their own rows; a verdict on an action is shown on the action's row.
  const promises = all.filter((p) => p.origin !== 'action');
  const verdict = new Map(all.filter((p) => p.origin === 'action').map((p) => [p.messageId, p.warning]));
  return (
    <div className="xe-aistrip" data-testid="ai-actions" data-expanded={expanded ? 'true' : 'false'}>
      <button
        type="button"
        className="xe-aistrip-toggle"
        aria-expanded={expanded}
        onClick={() => setExpanded((v) => !v)}
      >
        <RobotOutlined />
        <strong>
          {actions.length > 0
            ? t('conversation.aiTried', { count: actions.length })
            : t('conversation.aiTriedNone')}
        </strong>
        {all.length > 0 && (
          <Tag
            className={broken ? 'xe-tag xe-tag-danger' : 'xe-tag'}
            data-testid="ai-promises-count"
            data-broken={broken}
          >
            {broken
              ? t('conversation.aiPromisesBroken', { count: all.length, broken })
              : t('conversation.aiPromises', { count: all.length })}
          </Tag>
        )}
        {/* Expanded, the reason moves to its own line where it can wrap. */}
        <span className="xe-aistrip-reason xe-ellipsis">
          {expanded
            ? null
            : t('conversation.escalationReason', { reason: escalationReasonText(ticket, lang) })}
        </span>
        {expanded ? <UpOutlined /> : <DownOutlined />}
      </button>
      {expanded && (
        <ul className="xe-aistrip-list">
          <li className="xe-aistrip-full-reason">
            {t('conversation.escalationReason', { reason: escalationReasonText(ticket, lang) })}
          </li>
          {promises.map((p, i) => (
            <li
              key={`${p.messageId}-${i}`}
              data-testid="ai-promise"
              data-broken={p.warning ? 'true' : 'false'}
            >
              <span className="xe-msg-time">{formatTime(p.at, lang)}</span>
              <Tag
                className={p.warning ? 'xe-tag xe-tag-danger' : 'xe-tag'}
                color={p.warning ? undefined : 'blue'}
              >
                {t('conversation.aiPromised')}
              </Tag>
              {/* The bot's own words, or the AI agent's summary of its action. */}
              <span data-authored="ai">{p.excerpt}</span>
              {p.warning && <Verdict warning={p.warning} />}
            </li>
          ))}
          {actions.map((a) => {
            const w = verdict.get(a.id) ?? null;
            return (
              <li
                key={a.id}
                data-testid="ai-action"
                data-action-id={a.id}
                data-broken={w ? 'true' : 'false'}
                {...(w ? { 'data-severity': w.severity } : {})}
              >
                <span className="xe-msg-time">{formatTime(a.at, lang)}</span>
                <Tag className="xe-tag" color={a.actor.kind === 'ai' ? 'geekblue' : 'green'}>
                  {t(`conversation.actor.${a.actor.kind}`)} · {a.actor.name}
                </Tag>
                <Tag className="xe-tag">{t(`action.${a.type}`)}</Tag>
                <span data-authored="ai">{a.summary}</span>
                {w && <Verdict warning={w} />}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
});

type AiPromise = ApiOutput<'guard.aiPromises'>['promises'][number];

/** Why a promise or action is a problem, with the severity word the lead's conflict view uses. */
function Verdict({ warning }: { warning: NonNullable<AiPromise['warning']> }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  return (
    <>
      <Tag className={SEVERITY_CLASS[warning.severity]} data-testid="ai-verdict-severity">
        {t(`guard.severity.${warning.severity}`)}
      </Tag>
      <span className="xe-error-text" data-testid="ai-verdict-reason">
        <Words segments={wordsOr(warning.text, warning.reason, t, lang)} />
      </span>
    </>
  );
}

/** The AI's promises and the verdicts on its actions; refetched when the bot or the AI did more. */
function useAiPromises(ticket: Ticket): AiPromise[] {
  const botMessages = ticket.messages.filter((m) => m.from === 'bot').length;
  const actions = ticket.aiActions.length;
  const { data } = useApiQuery(
    'guard.aiPromises',
    botMessages || actions ? { ticketId: ticket.id } : null,
    `${ticket.id}:${botMessages}:${actions}`,
  );
  return data?.promises ?? [];
}
