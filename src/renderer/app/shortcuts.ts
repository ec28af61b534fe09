// Every keyboard shortcut in one list: the cheat sheet renders it, so it cannot drift from the
// handlers without someone noticing here.
export type ShortcutGroup = 'queue' | 'conversation' | 'general';

export type ShortcutAction =
  | 'nextTicket'
  | 'prevTicket'
  | 'openTicket'
  | 'focusSearch'
  | 'focusComposer'
  | 'send'
  | 'insertSuggestion'
  | 'acceptSuggestion'
  | 'quickPhrase'
  | 'closeTicket'
  | 'popOut'
  | 'showShortcuts'
  | 'closeDialog';

export interface ShortcutInfo {
  group: ShortcutGroup;
  action: ShortcutAction;
  /** Alternative key combinations; each is a list of keys pressed together. */
  keys: string[][];
}

export const SHORTCUTS: readonly ShortcutInfo[] = [
  { group: 'queue', action: 'nextTicket', keys: [['J'], ['↓']] },
  { group: 'queue', action: 'prevTicket', keys: [['K'], ['↑']] },
  { group: 'queue', action: 'openTicket', keys: [['Enter']] },
  { group: 'queue', action: 'focusSearch', keys: [['/']] },
  { group: 'conversation', action: 'focusComposer', keys: [['R']] },
  { group: 'conversation', action: 'send', keys: [['Ctrl', 'Enter']] },
  { group: 'conversation', action: 'insertSuggestion', keys: [['Alt', '1–3']] },
  { group: 'conversation', action: 'acceptSuggestion', keys: [['Tab']] },
  { group: 'conversation', action: 'quickPhrase', keys: [['/']] },
  { group: 'conversation', action: 'closeTicket', keys: [['Ctrl', 'Shift', 'D']] },
  { group: 'conversation', action: 'popOut', keys: [['Ctrl', 'Shift', 'O']] },
  { group: 'general', action: 'showShortcuts', keys: [['?']] },
  { group: 'general', action: 'closeDialog', keys: [['Esc']] },
];

/** True when the key press belongs to a text field and single-key shortcuts must stay out of it. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}
