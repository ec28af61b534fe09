// A team ticket as the lead reads it: who holds it, what the AI tried, the whole conversation —
// read-only and fetched from the hub, so looking never marks anything read for the agent.
import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Input, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IntentTag, PriorityTag, SentimentTag, SlaCountdown } from '../components/TicketTags';
import { AiActionsStrip } from '../conversation/AiActionsStrip';
import { MessageList } from '../conversation/MessageList';
import { useLead } from './store';
import { useErrorText } from '../components/useErrorText';

export function TeamTicketPreview() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const preview = useLead((s) => s.preview);
  const openPreview = useLead((s) => s.openPreview);
  const holder = useLead((s) => {
    const id = s.tickets?.find((x) => x.id === s.preview?.ticketId)?.assignedTo;
    return id ? (s.team?.agents.find((a) => a.id === id)?.name ?? id) : null;
  });
  const ticket = preview?.ticket ?? null;

  let body;
  if (!preview)
    body = (
      <Empty
        className="xe-empty xe-center"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('lead.preview.pick')}
      />
    );
  else if (!ticket)
    body = preview.error ? (
      <Alert
        className="xe-pane-alert"
        type="error"
        showIcon
        title={t('lead.preview.failed', { message: errorText(preview.error) })}
      />
    ) : (
      <div className="xe-center">
        <Spin />
      </div>
    );
  else
    body = (
      <>
        <div className="xe-pane-head xe-conv-head">
          <span className="xe-pane-title xe-ellipsis">{ticket.customer.nickname}</span>
          <PriorityTag priority={ticket.priority} />
          <IntentTag intent={ticket.intent} confidence={ticket.intentConfidence} />
          <SentimentTag sentiment={ticket.sentiment} />
          <Tag className="xe-tag">{t(`status.${ticket.status}`)}</Tag>
          <span className="xe-spacer" />
          {holder && <span className="xe-muted">{t('lead.preview.holder', { name: holder })}</span>}
          <SlaCountdown dueAt={ticket.slaDueAt} />
          <Button
            size="small"
            type="text"
            icon={<ReloadOutlined />}
            loading={preview.loading}
            aria-label={t('lead.preview.refresh')}
            onClick={() => void openPreview(ticket.id)}
            data-testid="team-preview-refresh"
          />
        </div>
        <div className="xe-muted xe-tt-hint">{t('lead.preview.readOnly')}</div>
        <AiActionsStrip ticket={ticket} />
        <MessageList ticketId={ticket.id} messages={ticket.messages} />
        <WhisperBox ticketId={ticket.id} />
      </>
    );

  return (
    <section
      className="xe-pane xe-conversation"
      data-testid="team-ticket-preview"
      data-ticket-id={preview?.ticketId ?? undefined}
    >
      {body}
    </section>
  );
}

/** A private note to the agent on this ticket (coaching in the moment); the customer never sees it. */
function WhisperBox({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message: toast } = App.useApp();
  const whisper = useLead((s) => s.whisper);
  const openPreview = useLead((s) => s.openPreview);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!text.trim()) return;
    setBusy(true);
    const err = await whisper(ticketId, text.trim());
    setBusy(false);
    if (err) return void toast.error(t('lead.whisper.failed', { message: errorText(err) }));
    setText('');
    toast.success(t('lead.whisper.sent'));
    // the outbox delivers in the background; show the note in the conversation once it is there
    setTimeout(() => void openPreview(ticketId), 800);
  };
  return (
    <div className="xe-whisper" data-testid="whisper">
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
        placeholder={t('lead.whisper.placeholder')}
        aria-label={t('lead.whisper.placeholder')}
        autoSize={{ minRows: 1, maxRows: 4 }}
        maxLength={500}
        data-testid="whisper-input"
      />
      <Button
        icon={<SendOutlined />}
        loading={busy}
        disabled={!text.trim()}
        onClick={() => void submit()}
        data-testid="whisper-send"
      >
        {t('lead.whisper.send')}
      </Button>
    </div>
  );
}
