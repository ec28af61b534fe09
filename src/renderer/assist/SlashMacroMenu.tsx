// The "/" quick-phrase list above the reply box, driven from the keyboard (see slash.ts).
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilledMacroDto } from '../../shared/assist-api';
import { api } from '../platform/client';
import { applySlash, matchMacros, slashQuery, type SlashQuery } from './slash';

interface Options {
  ticketId: string;
  draft: string;
  setDraft(value: string): void;
  inputRef: RefObject<TextAreaRef | null>;
}

export function useSlashMacros({ ticketId, draft, setDraft, inputRef }: Options) {
  const [slash, setSlash] = useState<SlashQuery | null>(null);
  const [macros, setMacros] = useState<FilledMacroDto[] | null>(null);
  const [active, setActive] = useState(0);
  // After Esc or a choice the list stays shut until the agent types again (the caret may still sit
  // right after a "/word").
  const suppressed = useRef(false);

  // Filled for the ticket as it is now, fetched when "/" is first typed in this conversation.
  useEffect(() => setMacros(null), [ticketId]);
  useEffect(() => {
    if (!slash || macros) return;
    let live = true;
    void api()
      .call('assist.macros', { ticketId })
      .then((r) => live && setMacros(r.ok ? r.data : []));
    return () => {
      live = false;
    };
  }, [slash, macros, ticketId]);

  const matches = useMemo(() => (slash && macros ? matchMacros(macros, slash.query) : []), [slash, macros]);
  useEffect(() => setActive(0), [slash?.query]);

  /** Re-reads the "/word" at the caret; call after every edit (`typed`) and caret move. */
  const track = useCallback(
    (typed = false, from?: HTMLTextAreaElement) => {
      if (typed) suppressed.current = false;
      const area = from ?? inputRef.current?.resizableTextArea?.textArea;
      if (!area || suppressed.current) return setSlash(null);
      setSlash(slashQuery(area.value, area.selectionStart ?? area.value.length));
    },
    [inputRef],
  );
  const close = useCallback(() => setSlash(null), []);

  const choose = (m: FilledMacroDto) => {
    if (!slash) return;
    const next = applySlash(draft, slash, m.text);
    setDraft(next.value);
    suppressed.current = true;
    setSlash(null);
    requestAnimationFrame(() => {
      const area = inputRef.current?.resizableTextArea?.textArea;
      area?.focus();
      area?.setSelectionRange(next.caret, next.caret);
    });
  };

  /** Handles the list's keys; true when the key was the list's (the composer then ignores it). */
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!slash) return false;
    if (e.key === 'Escape') {
      e.preventDefault();
      suppressed.current = true;
      setSlash(null);
      return true;
    }
    if (!matches.length) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + matches.length) % matches.length);
      return true;
    }
    if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || (e.key === 'Tab' && !e.shiftKey)) {
      e.preventDefault();
      choose(matches[Math.min(active, matches.length - 1)]!);
      return true;
    }
    return false;
  };

  const menu = slash ? (
    <SlashMacroMenu loading={!macros} matches={matches} active={active} onChoose={choose} />
  ) : null;
  return { menu, onKeyDown, track, close, open: slash !== null };
}

function SlashMacroMenu(props: {
  loading: boolean;
  matches: FilledMacroDto[];
  active: number;
  onChoose(m: FilledMacroDto): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="xe-slash" role="listbox" aria-label={t('composer.slashTitle')} data-testid="slash-menu">
      <div className="xe-slash-head xe-muted">{t('composer.slashTitle')}</div>
      {props.loading ? (
        <div className="xe-slash-empty xe-muted">{t('composer.loading')}</div>
      ) : props.matches.length === 0 ? (
        <div className="xe-slash-empty xe-muted">{t('composer.slashNone')}</div>
      ) : (
        props.matches.map((m, i) => (
          <div
            key={m.id}
            role="option"
            aria-selected={i === props.active}
            className={i === props.active ? 'xe-slash-item is-active' : 'xe-slash-item'}
            data-testid="slash-item"
            // mousedown, not click: keep the textarea's focus and caret
            onMouseDown={(e) => {
              e.preventDefault();
              props.onChoose(m);
            }}
          >
            <span className="xe-slash-title">
              {m.matchesIntent && <span className="xe-macro-match">●</span>}
              {m.title}
            </span>
            <span className="xe-slash-text xe-muted">{m.text}</span>
          </div>
        ))
      )}
    </div>
  );
}
