// The reply box: suggestions above, textarea, send and close-ticket buttons.
// Keys: Ctrl/Cmd+Enter sends, Alt+1…3 inserts a suggestion, Tab on an empty box takes the first
// suggestion, "/" opens the quick phrases, Esc leaves the box so the single-letter shortcuts work again.
import { CheckCircleOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { type KeyboardEvent, memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Suggestion, Ticket } from '../../shared/domain';
import { useConversation } from '../conversation/store';
import { LlmDraftButton, MacroPicker } from './ComposerTools';
import { GuardWarnings } from './GuardWarnings';
import { useSlashMacros } from './SlashMacroMenu';
import { insertAt, topSuggestions, useAssist } from './store';
import { SuggestionChips } from './SuggestionChips';
import { useErrorText } from '../components/useErrorText';

export const COMPOSER_INPUT_ID = 'xe-composer-input';

export const Composer = memo(function Composer({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const draft = useAssist((s) => s.drafts[ticket.id] ?? '');
  const setDraft = useAssist((s) => s.setDraft);
  const send = useAssist((s) => s.send);
  const sending = useAssist((s) => s.sendingId === ticket.id);
  const sendError = useAssist((s) => (s.sendError?.ticketId === ticket.id ? s.sendError.error : null));
  const openClose = useConversation((s) => s.setCloseDialogOpen);
  const inputRef = useRef<TextAreaRef>(null);
  // The core's ranked list (upstream AI + knowledge + macros + history), each checked against the
  // ticket's facts and the policy. Nothing before it answers: the upstream AI's raw list may contain
  // what the guard would block ("仍在7天无理由退货期内" on a ticket past the window).
  const ranked = useAssist((s) => s.suggestions[ticket.id]?.suggestions);
  const revision = useAssist((s) => s.suggestions[ticket.id]?.revision ?? 0);
  const suggestions = useMemo(() => ranked ?? [], [ranked]);
  const chips = useMemo(() => topSuggestions(suggestions), [suggestions]);
  const loadDraft = useAssist((s) => s.loadDraft);
  const loadSuggestions = useAssist((s) => s.loadSuggestions);
  const noteInserted = useAssist((s) => s.noteInserted);
  const guard = useAssist((s) => (s.guard?.ticketId === ticket.id ? s.guard : null));
  const dismissGuard = useAssist((s) => s.dismissGuard);

  const slash = useSlashMacros({
    ticketId: ticket.id,
    draft,
    setDraft: (value) => setDraft(ticket.id, value),
    inputRef,
  });

  useEffect(() => {
    void loadDraft(ticket.id);
    void loadSuggestions(ticket.id);
  }, [loadDraft, loadSuggestions, ticket.id]);

  const insertText = (text: string, suggestionId?: string) => {
    const el = inputRef.current?.resizableTextArea?.textArea;
    const current = useAssist.getState().drafts[ticket.id] ?? '';
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? current.length;
    const next = insertAt(current, text, start, end);
    setDraft(ticket.id, next.value);
    if (suggestionId) noteInserted(ticket.id, suggestionId);
    requestAnimationFrame(() => {
      const area = inputRef.current?.resizableTextArea?.textArea;
      area?.focus();
      area?.setSelectionRange(next.caret, next.caret);
    });
  };
  const insert = (s: Suggestion) => insertText(s.text, s.id);

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return; // Enter/Tab confirm the IME candidate, not our actions
    if (slash.onKeyDown(e)) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send(ticket.id);
    } else if (e.altKey && !e.ctrlKey && /^Digit[1-3]$/.test(e.code)) {
      const s = chips[Number(e.code.slice(5)) - 1];
      if (s) {
        e.preventDefault();
        insert(s);
      }
    } else if (e.key === 'Tab' && !e.shiftKey && draft.trim() === '' && chips[0]) {
      e.preventDefault();
      insert(chips[0]);
    } else if (e.key === 'Escape') {
      e.currentTarget.blur();
    }
  };

  return (
    <div className="xe-composer" data-testid="composer">
      <SuggestionChips suggestions={chips} revision={revision} onPick={insert} />
      {guard && (
        <GuardWarnings
          warnings={guard.warnings}
          onEdit={() => {
            dismissGuard();
            inputRef.current?.focus();
          }}
          onSendAnyway={() => void send(ticket.id, { force: true })}
        />
      )}
      {slash.menu}
      <Input.TextArea
        id={COMPOSER_INPUT_ID}
        ref={inputRef}
        value={draft}
        onChange={(e) => {
          setDraft(ticket.id, e.target.value);
          slash.track(true, e.target); // the event's textarea already has the new text and caret
        }}
        onKeyDown={onKeyDown}
        onSelect={() => slash.track()}
        onBlur={slash.close}
        placeholder={t('composer.placeholder')}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={5000}
        data-testid="composer-input"
      />
      <div className="xe-composer-bar">
        {sendError && (
          <span className="xe-error-text" data-testid="send-error">
            {t('composer.sendFailed', { message: errorText(sendError) })}
          </span>
        )}
        <MacroPicker ticketId={ticket.id} onInsert={insertText} />
        <LlmDraftButton ticketId={ticket.id} onInsert={insertText} />
        <span className="xe-spacer" />
        <Button icon={<CheckCircleOutlined />} onClick={() => openClose(true)} data-testid="close-ticket">
          {t('composer.closeTicket')}
        </Button>
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={sending}
          disabled={draft.trim() === ''}
          onClick={() => void send(ticket.id)}
          data-testid="send-button"
        >
          {sending ? t('composer.sending') : t('composer.send')}
        </Button>
      </div>
    </div>
  );
});
