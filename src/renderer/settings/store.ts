// View preferences of this workstation (language, theme, sound). They are per-machine UI choices, not
// business data, so localStorage is the right home; everything else comes from the core.
import { create } from 'zustand';

export type Language = 'zh-CN' | 'en';
export type ThemeMode = 'light' | 'dark';

const LANG_KEY = 'xiaoer.lang';
const THEME_KEY = 'xiaoer.theme';
const SOUND_KEY = 'xiaoer.sound';

function read(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null; // storage disabled (private mode, sandbox): fall back to defaults
  }
}

function write(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // not persisted, still applied for this session
  }
}

export function initialLanguage(): Language {
  return read(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
}

function initialTheme(): ThemeMode {
  const saved = read(THEME_KEY);
  if (saved === 'dark' || saved === 'light') return saved;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

interface SettingsState {
  language: Language;
  theme: ThemeMode;
  /** Chime on a new escalation and when a customer is kept waiting (on unless turned off). */
  sound: boolean;
  shortcutsOpen: boolean;
  /** Leads and admins switch between taking tickets and the lead console. */
  mode: 'agent' | 'lead';
  setMode(mode: 'agent' | 'lead'): void;
  setLanguage(lang: Language): void;
  toggleTheme(): void;
  toggleSound(): void;
  setShortcutsOpen(open: boolean): void;
}

export const useSettings = create<SettingsState>((set, get) => ({
  language: initialLanguage(),
  theme: initialTheme(),
  sound: read(SOUND_KEY) !== 'off',
  shortcutsOpen: false,
  mode: 'agent',
  setMode(mode) {
    set({ mode });
  },
  setLanguage(language) {
    write(LANG_KEY, language);
    set({ language });
  },
  toggleTheme() {
    const theme = get().theme === 'dark' ? 'light' : 'dark';
    write(THEME_KEY, theme);
    set({ theme });
  },
  toggleSound() {
    const sound = !get().sound;
    write(SOUND_KEY, sound ? 'on' : 'off');
    set({ sound });
  },
  setShortcutsOpen(shortcutsOpen) {
    set({ shortcutsOpen });
  },
}));
