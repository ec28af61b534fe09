// "Sign out and clear this machine": asks first, and says plainly when the core refuses because
// something is not yet synced (the work stays; nothing is deleted then).
import { App, type ButtonProps } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './store';

export function useSignOutAndClear(): () => void {
  const { t } = useTranslation();
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
        if (error)
          message.error({
            content: t('session.signOutClearRefused', { message: error.message }),
            duration: 8,
          });
        else message.success(t('session.signOutCleared'));
      },
    });
  }, [modal, message, t]);
}
