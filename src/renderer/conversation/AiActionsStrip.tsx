// "What the AI already tried": the escalation reason, the AI agents' actions and what the bot already
// promised the customer (checked against policy like a draft), collapsed by default to one line so the
// agent does not repeat (or contradict) them without noticing.
import { DownOutlined, RobotOutlined, UpOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../shared/api';
import type { Ticket } from '../../shared/domain';
import { useApiQuery } from '../platform/useApiQuery';
import { formatTime } from '../i18n/format';
import { escalationReasonText } from '../i18n/system-words';
import { useSettings } from '../settings/store';

export function AiActionsStrip({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  const [expanded, setExpanded] = useState(false);
  const actions = ticket.aiActions;
  const promises = useAiPromises(ticket);
  const broken = promises.filter((p) => p.warning).length;
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
        {promises.length > 0 && (
          <Tag
            className={broken ? 'xe-tag xe-tag-danger' : 'xe-tag'}
            data-testid="ai-promises-count"
            data-broken={broken}
          >
            {broken
              ? t('conversation.aiPromisesBroken', { count: promises.length, broken })
              : t('conversation.aiPromises', { count: promises.length })}
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
              <span>{p.excerpt}</span>
              {p.warning && <span className="xe-error-text">{p.warning.reason}</span>}
            </li>
          ))}
          {actions.map((a) => (
            <li key={a.id}>
              <span className="xe-msg-time">{formatTime(a.at, lang)}</span>
              <Tag className="xe-tag" color={a.actor.kind === 'ai' ? 'geekblue' : 'green'}>
                {t(`conversation.actor.${a.actor.kind}`)} · {a.actor.name}
              </Tag>
              <Tag className="xe-tag">{t(`action.${a.type}`)}</Tag>
              <span>{a.summary}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The bot's promises on this ticket; refetched when the bot has said more. */
function useAiPromises(ticket: Ticket): ApiOutput<'guard.aiPromises'>['promises'] {
  const botMessages = ticket.messages.filter((m) => m.from === 'bot').length;
  const { data } = useApiQuery(
    'guard.aiPromises',
    botMessages ? { ticketId: ticket.id } : null,
    `${ticket.id}:${botMessages}`,
  );
  return data?.promises ?? [];
}
