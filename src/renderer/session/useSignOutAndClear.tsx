// "Sign out and clear this machine": asks first. When the core refuses because something is not yet
// synced, the reason stays on screen in a dialog until the agent has read it (a toast could vanish
// before they look); the work stays and nothing is deleted.
import { App, type ButtonProps } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Words } from '../components/Words';
import { wordsOr } from '../i18n/core-words';
import { useSettings } from '../settings/store';
import { useSession } from './store';

export function useSignOutAndClear(): () => void {
  const { t } = useTranslation();
  const lang = useSettings((st) => st.language);
  const { modal, message } = App.useApp();
  return useCallback(() => {
    const state = useSession.getState().state;
    modal.confirm({
      title: t('session.signOutClearTitle'),
      content: t('session.signOutClearBody', { agent: state?.agent?.name ?? '', hub: state?.hubUrl ?? '' }),
      okText: t('session.signOutClearOk'),
      // data-* attributes pass through to the button; ButtonProps just does not list them.
      okButtonProps: { danger: true, 'data-testid': 'sign-out-clear-ok' } as ButtonProps,
      cancelText: t('session.cancel'),
      onOk: async () => {
        const error = await useSession.getState().logout(true);
        if (!error) return void message.success(t('session.signOutCleared'));
        modal.warning({
          title: t('session.signOutClearRefusedTitle'),
          content: (
            <div data-testid="sign-out-clear-refused">
              {error.text ? (
                <Words segments={wordsOr(error.text, error.message, t, lang)} />
              ) : (
                t('session.signOutClearRefused', { message: error.message })
              )}
            </div>
          ),
          okButtonProps: { 'data-testid': 'sign-out-clear-refused-ok' } as ButtonProps,
        });
      },
    });
  }, [modal, message, t, lang]);
}
