// An error a call answered, as the person reads it: its code's words when the core sent one (an
// expected refusal), a sentence for the error codes every caller can meet, else the detail as sent
// (a fault's technical text, which has no better words).
import type { TFunction } from 'i18next';
import type { AppError } from '../../shared/result';
import type { Language } from '../settings/store';
import { coreWords, plain } from './core-words';

const WORDED_CODES = ['RATE_LIMITED', 'UNAVAILABLE', 'FORBIDDEN', 'UNAUTHORIZED'] as const;
type WordedCode = (typeof WORDED_CODES)[number];
const isWorded = (code: string): code is WordedCode => (WORDED_CODES as readonly string[]).includes(code);

export function errorWords(error: AppError, t: TFunction, lang: Language): string {
  if (error.text) return plain(coreWords(error.text, t, lang));
  const code = error.code;
  if (!isWorded(code)) return error.message;
  const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
  return t(`refusalText.code.${code}`, { seconds, detail: error.message });
}
