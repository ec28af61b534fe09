// i18next setup: Chinese by default, English on request; the choice lives in the settings slice.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { INTENT_CATEGORY_LABELS, INTENTS, type IntentCategory, type IntentId } from '../../shared/intents';
import { initialLanguage, type Language } from '../settings/store';
import { en } from './en';
import { zhCN } from './zh-CN';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

export function initI18n(): typeof i18n {
  void i18n.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  return i18n;
}

// Intent names are product data shared with the hub and the simulator, so they come from
// intents.ts rather than the translation files.
export function intentLabel(id: IntentId, lang: Language): string {
  return lang === 'en' ? INTENTS[id].en : INTENTS[id].zh;
}

export function categoryLabel(c: IntentCategory, lang: Language): string {
  return lang === 'en' ? INTENT_CATEGORY_LABELS[c].en : INTENT_CATEGORY_LABELS[c].zh;
}
