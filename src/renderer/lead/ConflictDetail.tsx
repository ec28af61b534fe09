// One conflict escalation: the two contradictory actions side by side, the context the rule saw
// (intent, sentiment, last messages), and the lead's decision.
import { Alert, App, Button, Empty, Input, Radio, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conflict, TicketAction } from '../../shared/domain';
import { IntentTag, SentimentTag } from '../components/TicketTags';
import { MessageItem } from '../conversation/MessageItem';
import { formatDateTime } from '../i18n/format';
import { useSettings } from '../settings/store';
import { systemZh } from '../i18n/system';
import { actorName, conflictExplanation, conflictTitle, humanise } from './conflict-words';
import { useLead, type Choice } from './store';
import { useErrorText } from '../components/useErrorText';

const FACT_KEYS = systemZh.facts;

export const SEVERITY_COLORS = { low: 'default', medium: 'warning', high: 'error' } as const;

export function ConflictDetail({ conflict }: { conflict: Conflict | null }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  if (!conflict)
    return (
      <Empty
        className="xe-empty xe-center"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('lead.pick')}
      />
    );
  return (
    <div className="xe-scroll xe-conflict" data-testid="conflict-detail" data-conflict-id={conflict.id}>
      <header className="xe-conflict-head">
        <Tag color={SEVERITY_COLORS[conflict.severity]}>{t(`guard.severity.${conflict.severity}`)}</Tag>
        <h2>{conflictTitle(conflict, lang)}</h2>
      </header>
      <div className="xe-conflict-meta">
        <IntentTag intent={conflict.context.intent} />
        <SentimentTag sentiment={conflict.context.sentiment} />
        {/* Who it is about, in words; the ids stay in attributes for support and tests. */}
        {conflict.context.customerNickname && (
          <span className="xe-muted" data-ticket-id={conflict.ticketId} data-rule-id={conflict.ruleId}>
            {t('system.customer', { name: conflict.context.customerNickname })}
          </span>
        )}
      </div>
      <p className="xe-conflict-why">{conflictExplanation(conflict, lang, (a) => actorName(a, t))}</p>
      <div className="xe-sides">
        <Side label="A" action={conflict.sides[0]} chosen={conflict.decision?.choice === 'a'} />
        <Side label="B" action={conflict.sides[1]} chosen={conflict.decision?.choice === 'b'} />
      </div>
      <Decision conflict={conflict} />
      {conflict.context.lastMessages.length > 0 && (
        <section className="xe-conflict-context">
          <h3>{t('lead.lastMessages')}</h3>
          {conflict.context.lastMessages.map((m) => (
            <MessageItem key={m.id} message={m} />
          ))}
        </section>
      )}
    </div>
  );
}

function Side({ label, action, chosen }: { label: string; action: TicketAction; chosen: boolean }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  // The service-rules side names its rule by id; the rule is the conflict's title already.
  const params = Object.entries(action.params).filter(
    ([k]) => !(action.actor.id === 'service-guard' && k === 'rule'),
  );
  const synthetic =
    action.actor.id === 'policy' ? 'policy' : action.actor.id === 'service-guard' ? 'guard' : null;
  const factLabel = (key: string): string =>
    key in FACT_KEYS ? t(`system.facts.${key as keyof typeof FACT_KEYS}`) : humanise(key);
  return (
    <article className={chosen ? 'xe-side-card is-chosen' : 'xe-side-card'} data-testid="conflict-side">
      <div className="xe-side-card-head">
        <strong>{label}</strong>
        {synthetic ? (
          // A rule, not an actor: no "AI ·" in front of the platform's policy or the service rules.
          <Tag className="xe-tag" color="gold" data-testid="conflict-side-rule">
            {actorName(action.actor, t)}
          </Tag>
        ) : (
          <Tag className="xe-tag" color={action.actor.kind === 'ai' ? 'geekblue' : 'green'}>
            {t(`conversation.actor.${action.actor.kind}`)} · {actorName(action.actor, t)}
          </Tag>
        )}
        <Tag className="xe-tag">{t(`action.${action.type}`)}</Tag>
      </div>
      {synthetic ? (
        // The policy or the service rules: in words (the hub's summary names the policy key); the
        // values follow.
        <p>{t(`lead.sideSummary.${synthetic}`)}</p>
      ) : (
        // The acting agent's own words (upstream AI or a person), shown as they wrote them.
        <p data-authored="actor">{action.summary}</p>
      )}
      {params.length > 0 && (
        <div className="xe-muted">
          {params.map(([k, v]) => (
            <span key={k} className="xe-param">
              {factLabel(k)}: {String(v)}
            </span>
          ))}
        </div>
      )}
      <div className="xe-muted">{formatDateTime(action.at, lang)}</div>
    </article>
  );
}

function Decision({ conflict }: { conflict: Conflict }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const lang = useSettings((s) => s.language);
  const { message: toast } = App.useApp();
  const resolve = useLead((s) => s.resolve);
  const deciding = useLead((s) => s.decidingId === conflict.id);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [note, setNote] = useState('');

  useEffect(() => {
    setChoice(null);
    setNote('');
  }, [conflict.id]);

  if (conflict.decision) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="conflict-decision"
        title={t('lead.decided', {
          choice: t(`lead.choice.${conflict.decision.choice}`),
          by: conflict.decision.by,
          at: formatDateTime(conflict.decision.at, lang),
        })}
        description={conflict.decision.note || undefined}
      />
    );
  }
  const submit = async () => {
    if (!choice) return;
    const err = await resolve(conflict.id, choice, note.trim());
    if (err) toast.error(t('lead.decideFailed', { message: errorText(err) }));
    else toast.success(t('lead.decideDone'));
  };
  return (
    <section className="xe-decide" data-testid="conflict-decide">
      <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as Choice)}>
        <Radio.Button value="a">{t('lead.choice.a')}</Radio.Button>
        <Radio.Button value="b">{t('lead.choice.b')}</Radio.Button>
        <Radio.Button value="custom">{t('lead.choice.custom')}</Radio.Button>
      </Radio.Group>
      <Input.TextArea
        rows={2}
        maxLength={1000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={choice === 'custom' ? t('lead.customPlaceholder') : t('lead.notePlaceholder')}
      />
      <Button
        type="primary"
        disabled={!choice || (choice === 'custom' && note.trim() === '')}
        loading={deciding}
        onClick={() => void submit()}
        data-testid="conflict-submit"
      >
        {t('lead.submit')}
      </Button>
    </section>
  );
}
