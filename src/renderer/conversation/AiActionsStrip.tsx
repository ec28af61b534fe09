// "What the AI already tried": the escalation reason and the AI agents' actions, collapsed by
// default to one line so the agent does not repeat (or contradict) them without noticing.
import { DownOutlined, RobotOutlined, UpOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../shared/domain';
import { formatTime } from '../i18n/format';
import { useSettings } from '../settings/store';

export function AiActionsStrip({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  const [expanded, setExpanded] = useState(false);
  const actions = ticket.aiActions;
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
        {/* Expanded, the reason moves to its own line where it can wrap. */}
        <span className="xe-aistrip-reason xe-ellipsis">
          {expanded ? null : t('conversation.escalationReason', { reason: ticket.escalationReason })}
        </span>
        {expanded ? <UpOutlined /> : <DownOutlined />}
      </button>
      {expanded && (
        <ul className="xe-aistrip-list">
          <li className="xe-aistrip-full-reason">
            {t('conversation.escalationReason', { reason: ticket.escalationReason })}
          </li>
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
