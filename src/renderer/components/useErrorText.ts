// The hook form of errorWords, for components that show a failed call's reason.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../shared/result';
import { errorWords } from '../i18n/error-words';
import { useSettings } from '../settings/store';

export function useErrorText(): (error: AppError) => string {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  return useCallback((error: AppError) => errorWords(error, t, lang), [t, lang]);
}
